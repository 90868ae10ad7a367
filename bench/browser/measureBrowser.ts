/**
 * The browser part of the benchmark: the client's initial JavaScript (gzip)
 * from the built dist/client, and keystroke-to-screen latency in Chromium with
 * remote typists and CPU throttling, against our server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchOurs } from '../servers/ours.ts';
import { ROOT } from '../servers/ServerProcess.ts';
import { clientBundleSize, gzipKb } from './clientBundle.ts';
import { measureKeystrokes, type KeystrokeOptions } from './keystrokeLatency.ts';

const DIST = path.join(ROOT, 'dist', 'client');

export interface BrowserOptions {
  quick: boolean;
  serverCpus: string | undefined;
  oursRoot: string | undefined;
  /** Overrides of KEYSTROKES_DEFAULTS (--browser.NAME=value). */
  overrides: Record<string, number>;
  log: (message: string) => void;
}

export const KEYSTROKES_DEFAULTS: KeystrokeOptions = {
  keystrokes: 120,
  keyIntervalMs: 150,
  remoteTypists: 8,
  remoteRate: 5,
  cpuThrottling: 4,
};

export async function measureBrowser(options: BrowserOptions) {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    options.log('no built client: building it (vite build)');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is missing (apt-get install -y chromium)');
  const bundle = clientBundleSize(DIST);
  options.log(`initial JS ${bundle.initialJsGzipKb} kB gzip (${bundle.initialJsFiles.join(', ')})`);
  for (const name of Object.keys(options.overrides)) {
    if (!(name in KEYSTROKES_DEFAULTS)) throw new Error(`the browser part has no parameter "${name}" (it has ${Object.keys(KEYSTROKES_DEFAULTS).join(', ')})`);
  }
  const keystrokeOptions: KeystrokeOptions = { ...KEYSTROKES_DEFAULTS, ...(options.quick ? { keystrokes: 40 } : {}), ...options.overrides };
  const server = await launchOurs({ persist: true, cpus: options.serverCpus, oursRoot: options.oursRoot });
  try {
    const result = await measureKeystrokes(`http://127.0.0.1:${server.target.port}`, server.target, keystrokeOptions);
    const routeFiles = result.documentRouteJs.map((pathname) => path.join(DIST, pathname.replace(/^\//, '')));
    const documentRouteJsGzipKb =
      Math.round(routeFiles.filter((file) => existsSync(file)).reduce((sum, file) => sum + gzipKb(file), 0) * 10) / 10;
    options.log(
      `keystroke-to-screen p95 ${result.p95Ms} ms over ${result.samples} keystrokes (${keystrokeOptions.remoteTypists} remote typists, ${keystrokeOptions.cpuThrottling}× CPU throttling)`,
    );
    return {
      initialJsGzipKb: bundle.initialJsGzipKb,
      initialJsFiles: bundle.initialJsFiles,
      documentRouteJsGzipKb,
      allJsGzipKb: bundle.allJsGzipKb,
      keystroke: {
        p50Ms: result.p50Ms,
        p95Ms: result.p95Ms,
        p99Ms: result.p99Ms,
        maxMs: result.maxMs,
        samples: result.samples,
        series: result.series,
        remoteEditsSent: result.remoteEditsSent,
        remoteCharsOnScreen: result.remoteCharsOnScreen,
        ...keystrokeOptions,
      },
    };
  } finally {
    await server.dispose();
  }
}

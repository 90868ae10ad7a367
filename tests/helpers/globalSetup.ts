/**
 * Runs once before the suite: builds the client into a directory of this run's
 * own (so a concurrent build elsewhere never empties what our servers serve;
 * tests/helpers/server.ts passes it on as STATIC_DIR) and makes sure Debian's Chromium is there for the
 * browser tests, installing it when we are root with apt, or stopping with one
 * clear line when we cannot.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';

export const CHROMIUM_PATH = '/usr/bin/chromium';

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(`Chromium is missing: install Debian's package first (sudo apt-get install -y chromium).`);
  }
  console.log('Chromium is missing: installing Debian package "chromium" with apt-get ...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Read by tests/helpers/server.ts; workers inherit it because they start after this setup. */
export const STATIC_DIR_VARIABLE = 'SAMENSPEL_TEST_STATIC_DIR';

export default async function setup(): Promise<() => void> {
  ensureChromium();
  const runDir = mkdtempSync(path.join(tmpdir(), 'samenspel-client-'));
  const outDir = path.join(runDir, 'client');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  process.env[STATIC_DIR_VARIABLE] = outDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}

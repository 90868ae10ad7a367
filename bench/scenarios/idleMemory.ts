/**
 * S3 idle memory: `docs` documents of about 10 KB of text each, one client
 * each, then idle. Server memory per document = (RSS after the documents were
 * loaded and the server sat idle) − (RSS before, with one warm-up document
 * open), divided by the number of documents.
 */
import { Generator } from '../load/Generator.ts';
import { newEpoch } from '../load/clock.ts';
import { CpuMeter, memory, OtherCpuMeter } from '../metrics/proc.ts';
import { round } from '../metrics/stats.ts';
import { launchServer } from '../servers/launch.ts';
import { textDocument } from './documents.ts';
import { num, sleep, type Params, type Scenario } from './Scenario.ts';
import { CONNECT_CONCURRENCY, CONNECT_TIMEOUT_MS } from './typing.ts';

/** How many documents a fresh client reads back to check the server holds them. */
const VERIFY_DOCS = 5;

export const idleMemory: Scenario = {
  id: 'S3',
  title: 'idle memory',
  description: '`docs` documents of about `chars` characters (typed in runs at random places), one client each, then `idleSeconds` idle: server RSS per document',
  defaults: { docs: 1000, chars: 10_000, idleSeconds: 5 },
  quick: { docs: 200, idleSeconds: 2 },
  async run(context, params: Params) {
    const docs = num(params, 'docs');
    const document = textDocument(context.cacheDir, num(params, 'chars'), context.seed);
    const server = await launchServer(context.server, { ...context.launch, persist: false });
    const generator = Generator.start(context.generator);
    try {
      const epoch = newEpoch();
      const options = { concurrency: CONNECT_CONCURRENCY, timeoutMs: CONNECT_TIMEOUT_MS, initialUpdateFile: document.file };
      // One document first, so code loaded on first use is not counted per document.
      await generator.connect(server.target, epoch, [{ id: 0, docId: 'warm-up', typist: false }], options);
      await sleep(1000);
      const before = memory(server.pid).rssKb;
      const serverCpu = new CpuMeter([server.pid]);
      const generatorCpu = new CpuMeter(generator.pids);
      const otherCpu = new OtherCpuMeter([server.pid, ...generator.pids]);
      const started = performance.now();
      const specs = Array.from({ length: docs }, (_, i) => ({ id: i + 1, docId: `doc-${i}`, typist: false }));
      const { connectMs } = await generator.connect(server.target, epoch, specs, options);
      context.log(`${docs} documents of ${document.bytes} bytes uploaded in ${Math.round(connectMs)} ms`);
      await sleep(num(params, 'idleSeconds') * 1000);
      const after = memory(server.pid);
      const cpuS = serverCpu.read();
      const genCpuS = generatorCpu.read();
      const otherCores = otherCpu.read() / ((performance.now() - started) / 1000);
      const sample = Array.from({ length: Math.min(VERIFY_DOCS, docs) }, (_, i) => `doc-${Math.floor((i * docs) / VERIFY_DOCS)}`);
      const failures = await generator.verify(sample, document.textLength, 30_000);
      if (failures.length > 0) throw new Error(`the server does not hold the documents: ${failures.join('; ')}`);
      return {
        metrics: {
          kbPerDoc: round((after.rssKb - before) / docs, 1),
          docBytes: document.bytes,
          baselineRssMb: round(before / 1024, 1),
          rssMb: round(after.rssKb / 1024, 1),
          serverPeakRssMb: round(after.peakRssKb / 1024, 1),
          serverCpuS: round(cpuS),
          genCpuS: round(genCpuS),
          connectMs: Math.round(connectMs),
          otherCores: round(otherCores),
        },
      };
    } finally {
      await generator.close();
      await server.dispose();
    }
  },
};

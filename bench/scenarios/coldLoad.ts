/**
 * S4 cold load: one document built from 100,000 random edits (about 2.2 MB
 * encoded), uploaded by a client that stays connected. Then a fresh client
 * loads it (a) with the document in server memory and (b) after the server
 * restarted, from its storage. Peers store here: the reference in LevelDB
 * (YPERSISTENCE), Hocuspocus with its SQLite extension.
 *
 * Each load is split into its parts, measured at the client: open (creating the
 * provider to the socket's open), the server's part (the socket's open to the
 * arrival of the message that completed the document: loading, computing the
 * answer, sending it), and the client applying it.
 */
import { Generator } from '../load/Generator.ts';
import { newEpoch } from '../load/clock.ts';
import type { ColdLoadReply } from '../load/protocol.ts';
import { memory, OtherCpuMeter } from '../metrics/proc.ts';
import { median, round } from '../metrics/stats.ts';
import { launchServer } from '../servers/launch.ts';
import { bigDocument } from './documents.ts';
import { num, sleep, type Params, type Scenario } from './Scenario.ts';

const DOC_ID = 'groot';
const LOAD_TIMEOUT_MS = 120_000;

export const coldLoad: Scenario = {
  id: 'S4',
  title: 'cold load',
  description:
    'a document of `edits` random edits; a fresh client loads it `samples` times from server memory, then once after a restart from storage',
  defaults: { edits: 100_000, samples: 3 },
  quick: { samples: 1 },
  async run(context, params: Params) {
    const document = bigDocument(context.cacheDir, num(params, 'edits'), context.seed);
    context.log(`document: ${document.bytes} bytes, ${document.textLength} characters`);
    let server = await launchServer(context.server, { ...context.launch, persist: true });
    const generator = Generator.start(context.generator);
    const inMemory: ColdLoadReply[] = [];
    let restarted: ColdLoadReply;
    let peakAfterUploadMb: number;
    let rssFromStorageMb: number;
    // Other work on the machine while loads were timed.
    let otherCpuS = 0;
    let timedS = 0;
    const timed = async (load: () => Promise<ColdLoadReply>) => {
      const other = new OtherCpuMeter([server.pid, ...generator.pids]);
      const started = performance.now();
      const reply = await load();
      otherCpuS += other.read();
      timedS += (performance.now() - started) / 1000;
      return reply;
    };
    try {
      await generator.connect(server.target, newEpoch(), [{ id: 0, docId: DOC_ID, typist: false }], {
        concurrency: 1,
        timeoutMs: LOAD_TIMEOUT_MS,
        initialUpdateFile: document.file,
      });
      // The server holds the document once a fresh client can read all of it back.
      const failures = await generator.verify([DOC_ID], document.textLength, LOAD_TIMEOUT_MS);
      if (failures.length > 0) throw new Error(`upload failed: ${failures.join('; ')}`);
      for (let i = 0; i < num(params, 'samples'); i++) {
        inMemory.push(await timed(() => generator.coldLoad(DOC_ID, document.textLength, document.stateVector, LOAD_TIMEOUT_MS)));
      }
      peakAfterUploadMb = round(memory(server.pid).peakRssKb / 1024, 1);
      // The uploader leaves; give the peers' storage a moment to write (Hocuspocus stores on unload).
      // The generator stays: its code is as warm for the load after the restart as for those before.
      await generator.disconnectClients();
      await sleep(1000);
      server = await server.restart();
      await generator.connect(server.target, newEpoch(), [], { concurrency: 1, timeoutMs: LOAD_TIMEOUT_MS });
      restarted = await timed(() => generator.coldLoad(DOC_ID, document.textLength, document.stateVector, LOAD_TIMEOUT_MS));
      rssFromStorageMb = round(memory(server.pid).rssKb / 1024, 1);
    } finally {
      await generator.close();
      await server.dispose();
    }
    const pick = (part: keyof Omit<ColdLoadReply, 'type'>) => round(median(inMemory.map((load) => load[part])), 1);
    return {
      metrics: {
        coldLoadMs: pick('totalMs'),
        serverPartMs: pick('serverPartMs'),
        clientApplyMs: pick('applyMs'),
        restartLoadMs: round(restarted.totalMs, 1),
        restartServerPartMs: round(restarted.serverPartMs, 1),
        docBytes: document.bytes,
        serverPeakRssMb: peakAfterUploadMb,
        rssAfterRestartLoadMb: rssFromStorageMb,
        otherCores: round(otherCpuS / timedS),
      },
      detail: { inMemory, restarted },
    };
  },
};

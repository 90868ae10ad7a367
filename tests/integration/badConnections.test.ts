/**
 * Bad connections cannot starve other rooms (badConnections.ts): stallers, slow
 * readers and a 200-client reconnect storm, while a typist in another room
 * measures latency. `npm run harden` runs a longer version.
 */
import { describe, expect, it } from 'vitest';
import { recordFigures } from '../helpers/figures.ts';
import { runBadConnections } from './badConnections.ts';

const MAX_BUFFERED_BYTES = 1024 * 1024;

describe('bad connections', () => {
  it('stallers, slow readers and a reconnect storm of 200 leave another room fast and complete; slow readers are dropped, memory stays bounded', async () => {
    const report = await runBadConnections({
      durationMs: 4000,
      stormGapMs: 250,
      stormClients: 200,
      stallers: 30,
      slowReaders: 4,
      requestsPerReader: 200,
      bigDocumentBytes: 256 * 1024,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      log: (line) => console.log(line),
    });
    recordFigures('badConnections', { ...report });
    console.log(JSON.stringify(report));
    expect(report.editsLost).toBe(0);
    expect(report.typistDuring.samples).toBeGreaterThan(40);
    expect(report.stormRounds).toBeGreaterThanOrEqual(2);
    expect(report.typistDuring.p99).toBeLessThan(1000);
    expect(report.stormFailures).toBe(0);
    expect(report.slowReadersDropped).toBe(4);
    // Unbounded, the server would have held what the readers asked for (200 MB); bounded, a few MB each.
    expect(report.rssPeakMb - report.rssBeforeMb).toBeLessThan(report.requestedMb / 2);
    expect(report.healthyAfter).toBe(true);
    expect(report.serverErrors).toBe(0);
  }, 120_000);
});

/**
 * The protocol fuzzer (protocolFuzzer.ts), short fixed-seed run. `npm run harden`
 * runs the long one (100,000 inputs).
 */
import { describe, expect, it } from 'vitest';
import { runProtocolFuzz } from './protocolFuzzer.ts';

describe('protocol fuzzer (seed 20261125, 1,500 inputs)', () => {
  it('crashes nothing, closes only the offending sockets with expected codes, and leaves the healthy document exactly as its editors wrote it', async () => {
    const report = await runProtocolFuzz({ seed: 20261125, inputs: 1500 });
    expect(report.inputs).toBe(1500);
    expect(report.serverCrashes).toBe(0);
    expect(report.unexpectedCloses).toEqual([]);
    expect(report.stuckInputs).toEqual([]);
    expect(report.healthyDocumentIntact).toBe(true);
    // Only the healthy room's editors: nothing the view-only fuzzer sent was stored.
    expect(report.storedClients.every((client) => client === 2001 || client === 2002), String(report.storedClients)).toBe(true);
    // Other rooms' latency unaffected: generous, because this 2-core machine also runs the fuzzer itself.
    expect(report.healthyDuring.p99).toBeLessThan(Math.max(250, 10 * report.healthyBefore.p99));
  }, 120_000);
});

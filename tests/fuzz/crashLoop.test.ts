/**
 * CONTRACT.md, "Durability", under repetition: 3 SIGKILL/restart cycles while
 * clients type into three documents (crashLoop.ts). `npm run harden` runs 20.
 */
import { describe, expect, it } from 'vitest';
import { runCrashLoop } from './crashLoop.ts';

describe('crash loop (3 cycles, 3 documents)', () => {
  it('loses nothing any client saw forwarded, converges, and duplicates nothing', async () => {
    const report = await runCrashLoop({ cycles: 3 });
    expect(report.markersTyped).toBeGreaterThan(300);
    expect(report.lostAfterKill).toBe(0);
    expect(report.converged).toBe(true);
    expect(report.missingAtEnd).toBe(0);
    expect(report.duplicated).toBe(0);
  }, 120_000);
});

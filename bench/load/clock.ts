/**
 * One clock for every process of a run: CLOCK_MONOTONIC (process.hrtime), which
 * all processes on one machine share. Times are microseconds since the run's
 * epoch, so they stay small enough to write into an edit.
 */

/** The epoch every process of a run measures from, in nanoseconds (a string, to cross IPC as JSON). */
export function newEpoch(): string {
  return process.hrtime.bigint().toString();
}

export function clockFrom(epoch: string): () => number {
  const start = BigInt(epoch);
  return () => Number(process.hrtime.bigint() - start) / 1000;
}

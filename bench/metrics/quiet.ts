/**
 * This machine may be shared (other test runs, browsers). A benchmark run is
 * only worth something when nothing else uses the CPUs, so before each run the
 * benchmark can wait — bounded — for a quiet moment, and it reports how busy
 * the machine was.
 */
import { machineBusySeconds } from './proc.ts';

const SAMPLE_MS = 1000;

/** Cores the whole machine kept busy over a short sample. */
export async function busyCores(sampleMs = SAMPLE_MS): Promise<number> {
  const start = machineBusySeconds();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return (machineBusySeconds() - start) / (sampleMs / 1000);
}

/**
 * Waits until the machine uses less than `maxCores` for one sample, at most
 * `maxWaitS` seconds; returns the last sample (cores busy) and how long it waited.
 */
export async function waitForQuiet(maxCores: number, maxWaitS: number): Promise<{ busyCores: number; waitedS: number }> {
  const started = Date.now();
  let busy = await busyCores();
  while (busy > maxCores && Date.now() - started < maxWaitS * 1000) busy = await busyCores();
  return { busyCores: Math.round(busy * 100) / 100, waitedS: Math.round((Date.now() - started) / 1000) };
}

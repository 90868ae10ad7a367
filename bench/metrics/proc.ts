/**
 * What the kernel knows about a process (Linux /proc): CPU seconds of all its
 * threads, current and peak resident memory. The benchmark reads these for the
 * server and the load generators from the outside, so no process measures itself.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux this runs on). */
const CLOCK_TICKS_PER_S = 100;

/** User + system CPU seconds the process (all its threads) has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_S;
}

export interface Memory {
  rssKb: number;
  /** The highest RSS since the process started (VmHWM). */
  peakRssKb: number;
}

export function memory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), peakRssKb: field('VmHWM') };
}

/** CPU seconds a set of processes used between two readings. */
export class CpuMeter {
  private readonly start: Map<number, number>;

  constructor(private readonly pids: number[]) {
    this.start = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** Seconds used since construction, summed over the processes. */
  read(): number {
    let total = 0;
    for (const pid of this.pids) total += cpuSeconds(pid) - (this.start.get(pid) ?? 0);
    return total;
  }
}

/** CPU seconds the whole machine spent busy (all cores, everything but idle and iowait) so far. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS_PER_S;
}

/**
 * CPU seconds used on the machine by anything but the given processes since
 * construction: other work on a shared machine disturbs the measurement, and
 * this shows how much.
 */
export class OtherCpuMeter {
  private readonly machineStart = machineBusySeconds();
  private readonly own: CpuMeter;

  constructor(pids: number[]) {
    this.own = new CpuMeter([process.pid, ...pids]);
  }

  read(): number {
    return Math.max(0, machineBusySeconds() - this.machineStart - this.own.read());
  }
}

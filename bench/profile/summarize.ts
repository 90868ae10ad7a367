/**
 * Summarises V8 CPU profiles (.cpuprofile, from node --cpu-prof): where the
 * time went, by function (self time) and by package or source file, and the
 * inclusive time of the functions that matter most. Idle and GC are shown apart.
 *
 *   node --import tsx bench/profile/summarize.ts bench/results/profiles/S1-1 [--top=25]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  gcMs: number;
  byFunction: Hotspot[];
  byModule: Hotspot[];
  inclusive: Hotspot[];
}

function moduleOf(url: string): string {
  if (!url) return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (packageMatch) return packageMatch[1]!;
  if (file.startsWith('node:')) return file;
  const repo = /\/(server|shared|bench|client)\/(.*)$/.exec(file);
  return repo ? `${repo[1]}/${repo[2]}` : path.basename(file);
}

function functionKey(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
}

function top(map: Map<string, number>, total: number, count: number): Hotspot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
}

export function summarize(files: string[], count = 25): ProfileSummary {
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    profile.samples.forEach((id, index) => {
      const us = profile.timeDeltas[index] ?? 0;
      const node = byId.get(id)!;
      const name = node.callFrame.functionName;
      totalUs += us;
      if (name === '(idle)' || name === '(program)') {
        idleUs += us;
        return;
      }
      if (name === '(garbage collector)') gcUs += us;
      const key = functionKey(node.callFrame);
      self.set(key, (self.get(key) ?? 0) + us);
      const module = moduleOf(node.callFrame.url);
      modules.set(module, (modules.get(module) ?? 0) + us);
      // Inclusive: every distinct function on the stack gets the sample once.
      const seen = new Set<string>();
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
        const frame = byId.get(current)!.callFrame;
        if (!frame.url) continue;
        const stackKey = functionKey(frame);
        if (seen.has(stackKey)) continue;
        seen.add(stackKey);
        inclusive.set(stackKey, (inclusive.get(stackKey) ?? 0) + us);
      }
    });
  }
  const busyUs = totalUs - idleUs;
  return {
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    gcMs: Math.round(gcUs / 1000),
    byFunction: top(self, busyUs, count),
    byModule: top(modules, busyUs, count),
    inclusive: top(inclusive, busyUs, count),
  };
}

function profileFiles(inputs: string[]): string[] {
  return inputs.flatMap((input) =>
    statSync(input).isDirectory()
      ? readdirSync(input)
          .filter((name) => name.endsWith('.cpuprofile'))
          .map((name) => path.join(input, name))
      : [input],
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const count = Number(args.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 25);
  const summary = summarize(profileFiles(args.filter((arg) => !arg.startsWith('--'))), count);
  const busy = summary.totalMs - summary.idleMs;
  console.log(`profiled ${summary.totalMs} ms, busy ${busy} ms (GC ${summary.gcMs} ms), idle ${summary.idleMs} ms\n`);
  for (const [title, rows] of [
    ['self time by function', summary.byFunction],
    ['self time by package / file', summary.byModule],
    ['inclusive time', summary.inclusive],
  ] as const) {
    console.log(`${title} (% of busy):`);
    for (const row of rows) console.log(`  ${String(row.share).padStart(5)} %  ${String(row.ms).padStart(6)} ms  ${row.name}`);
    console.log();
  }
}

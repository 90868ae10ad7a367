/** The terminal table: one Markdown table per scenario (so it pastes into bench/README.md as is). */
import { SERVER_KINDS } from '../servers/BenchServer.ts';
import type { ScenarioReport } from './summary.ts';

function cell(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Math.round(value * 100) / 100);
}

export function scenarioTable(title: string, report: ScenarioReport): string {
  const servers = SERVER_KINDS.filter((kind) => report[kind]);
  const metrics = [...new Set(servers.flatMap((kind) => Object.keys(report[kind]!)))];
  const lines = [
    `${title}`,
    '',
    `| metric | ${servers.join(' | ')} |`,
    `| --- | ${servers.map(() => '---:').join(' | ')} |`,
    ...metrics.map((name) => `| ${name} | ${servers.map((kind) => cell(report[kind]![name])).join(' | ')} |`),
  ];
  const ratios = Object.entries(report.ratios).filter(([, value]) => value !== null);
  if (ratios.length > 0) lines.push('', `ratios ours/peer: ${ratios.map(([name, value]) => `${name} ${cell(value)}`).join(', ')}`);
  return lines.join('\n');
}

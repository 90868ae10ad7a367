/**
 * Figures a test measured (latencies, counts), for `npm run harden` to print:
 * appended as one JSON line to the file named by SAMENSPEL_FIGURES_FILE when it
 * is set; otherwise nothing happens and the test's own console line is all.
 */
import { appendFileSync } from 'node:fs';

export const FIGURES_FILE_VARIABLE = 'SAMENSPEL_FIGURES_FILE';

export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const file = process.env[FIGURES_FILE_VARIABLE];
  if (file) appendFileSync(file, JSON.stringify({ name, ...figures }) + '\n');
}

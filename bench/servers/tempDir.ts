/** Temporary folders for servers' data, removed when the server is disposed of or the run is interrupted. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onInterrupt } from '../interrupt.ts';

const forgets = new Map<string, () => void>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  forgets.set(dir, onInterrupt(() => rmSync(dir, { recursive: true, force: true })));
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  forgets.get(dir)?.();
  forgets.delete(dir);
}

/**
 * Our server as it is in a commit rather than in the working tree: `--ours-ref=HEAD`
 * exports server/ and shared/ of that commit (git archive: read-only, the index
 * and working tree stay as they are) into a temporary folder that borrows the
 * repository's node_modules. Useful when the working tree is mid-change, and
 * for before/after figures of two commits.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './ServerProcess.ts';
import { removeDir, tempDir } from './tempDir.ts';

export interface Snapshot {
  root: string;
  /** The commit the ref named. */
  commit: string;
  remove(): void;
}

/** A folder with server/main.ts is used as it is; anything else is taken as a git ref and exported. */
export function oursFrom(refOrDir: string): Snapshot {
  if (existsSync(path.join(refOrDir, 'server', 'main.ts'))) {
    return { root: path.resolve(refOrDir), commit: `folder ${path.resolve(refOrDir)}`, remove: () => undefined };
  }
  return exportOurs(refOrDir);
}

export function exportOurs(ref: string): Snapshot {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = tempDir('samenspel-bench-src-');
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'server', 'shared', 'tsconfig.json', 'package.json'], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return { root, commit, remove: () => removeDir(root) };
}

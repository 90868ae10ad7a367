// `npm start`: builds the client when its sources are newer than the build, then
// runs the server in this same process (one process, so signals reach it directly).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'dist/client/index.html');

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function clientIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = Math.max(newestChange(path.join(root, 'client')), newestChange(path.join(root, 'shared')));
  return sources > statSync(builtIndex).mtimeMs;
}

process.chdir(root);
if (clientIsStale()) {
  console.error('De app wordt gebouwd (vite build) ...');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
const { register } = await import('tsx/esm/api');
register();
await import('../server/main.ts');

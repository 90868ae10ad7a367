/**
 * The import arrows of DESIGN.md: shared imports nothing from client/ or server/
 * and no Node built-ins; client and server never import each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

function resolvedPart(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier)).split(path.sep)[0] ?? null;
}

describe('architecture', () => {
  it('keeps shared/ free of client, server, Node and DOM-only imports', () => {
    for (const file of sourceFiles('shared')) {
      for (const specifier of importsOf(file)) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^node:|^(fs|path|http|crypto|os|react|react-dom)$/);
        expect(['client', 'server'], `${file} imports ${specifier}`).not.toContain(resolvedPart(file, specifier));
      }
    }
  });

  it('keeps client/ and server/ from importing each other', () => {
    for (const [part, forbidden] of [
      ['client', 'server'],
      ['server', 'client'],
    ] as const) {
      for (const file of sourceFiles(part)) {
        for (const specifier of importsOf(file)) {
          expect(resolvedPart(file, specifier), `${file} imports ${specifier}`).not.toBe(forbidden);
        }
      }
    }
  });

  it('lets only the entry points (server/main.ts, server/cli.ts) read process.env', () => {
    const readers = sourceFiles('server').filter((file) => readFileSync(path.join(ROOT, file), 'utf8').includes('process.env'));
    expect(readers.sort()).toEqual([path.join('server', 'cli.ts'), path.join('server', 'main.ts')]);
  });
});

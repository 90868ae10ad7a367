/**
 * The client's JavaScript as a browser downloads it: the initial JS is what
 * dist/client/index.html loads before anything runs (its module scripts and
 * modulepreloads); lazy chunks come later (the document route brings TipTap).
 * Sizes are gzip, as a server with compression sends them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  initialJsGzipKb: number;
  initialJsFiles: string[];
  /** Every JS file of the build together (initial and lazy). */
  allJsGzipKb: number;
}

export function gzipKb(file: string): number {
  return Math.round((gzipSync(readFileSync(file)).byteLength / 1024) * 10) / 10;
}

export function clientBundleSize(distDir: string): BundleSize {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(match[1]!);
  const files = [...initial].map((src) => path.join(distDir, src.replace(/^\//, '')));
  for (const file of files) if (!existsSync(file)) throw new Error(`index.html loads ${file}, which is not in the build`);
  const assets = path.join(distDir, 'assets');
  const all = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(assets, name));
  const sum = (list: string[]) => Math.round(list.reduce((total, file) => total + gzipKb(file), 0) * 10) / 10;
  return {
    initialJsGzipKb: sum(files),
    initialJsFiles: files.map((file) => path.relative(distDir, file)),
    allJsGzipKb: sum(all),
  };
}

/**
 * Runs once before the suite: builds the client (the server under test serves
 * it like `npm start` does) and makes sure Debian's Chromium is there for the
 * browser tests, installing it when we are root with apt, or stopping with one
 * clear line when we cannot.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'vite';

export const CHROMIUM_PATH = '/usr/bin/chromium';

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(`Chromium is missing: install Debian's package first (sudo apt-get install -y chromium).`);
  }
  console.log('Chromium is missing: installing Debian package "chromium" with apt-get ...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export default async function setup(): Promise<void> {
  ensureChromium();
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

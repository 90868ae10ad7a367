/**
 * Sessions expire after SESSION_IDLE_DAYS unused (Accounts over a real SQLite
 * file, with an injected clock instead of waiting): a session used recently
 * works and its use is recorded at most once an hour; one unused for longer
 * than the limit is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Accounts } from '../../server/accounts/Accounts.ts';
import { hashSecret } from '../../server/accounts/secrets.ts';
import { loadConfig } from '../../server/config.ts';
import { openSqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/Storage.ts';

const DAY = 24 * 60 * 60 * 1000;
const opened: { storage: Storage; dir: string }[] = [];

afterEach(async () => {
  for (const { storage, dir } of opened.splice(0)) {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function setUp(idleDays: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'samenspel-expiry-'));
  const storage = await openSqliteStorage({ dataDir: dir });
  opened.push({ storage, dir });
  let now = Date.UTC(2026, 0, 1);
  const accounts = new Accounts(storage, () => now, { sessionIdleMs: idleDays * DAY });
  const session = await accounts.createWorkspace({ name: 'Voorst', member: { name: 'Gerrit', role: 'resident' } });
  return { storage, accounts, token: session.token, advance: (ms: number) => (now += ms), now: () => now };
}

describe('session expiry', () => {
  it('a session unused for longer than the limit no longer authenticates', async () => {
    const { accounts, token, advance } = await setUp(90);
    advance(90 * DAY - 1000);
    expect(await accounts.authenticate(token)).not.toBeNull();
    advance(90 * DAY + 1000);
    expect(await accounts.authenticate(token)).toBeNull();
  });

  it('each use moves the limit on, so a session used every month lasts', async () => {
    const { accounts, token, advance } = await setUp(90);
    for (let month = 0; month < 12; month++) {
      advance(30 * DAY);
      expect(await accounts.authenticate(token), `month ${month}`).not.toBeNull();
    }
  });

  it('records a use at most once an hour (reading is not a write per request)', async () => {
    const { storage, accounts, token, advance, now } = await setUp(90);
    const created = now();
    advance(10 * 60 * 1000);
    await accounts.authenticate(token);
    expect(await storage.sessionLastUsedAt(hashSecret(token))).toBe(created);
    advance(2 * 60 * 60 * 1000);
    await accounts.authenticate(token);
    expect(await storage.sessionLastUsedAt(hashSecret(token))).toBe(now());
  });

  it('SESSION_IDLE_DAYS defaults to 90 and must be a whole number of days from 1', () => {
    expect(loadConfig({}).sessionIdleDays).toBe(90);
    expect(loadConfig({ SESSION_IDLE_DAYS: '30' }).sessionIdleDays).toBe(30);
    expect(() => loadConfig({ SESSION_IDLE_DAYS: '0' })).toThrow(/SESSION_IDLE_DAYS/);
    expect(() => loadConfig({ SESSION_IDLE_DAYS: 'veel' })).toThrow(/SESSION_IDLE_DAYS/);
    expect(loadConfig({}).maxImportBytes).toBe(64 * 1024 * 1024);
    expect(() => loadConfig({ MAX_IMPORT_BYTES: '12' })).toThrow(/MAX_IMPORT_BYTES/);
  });
});

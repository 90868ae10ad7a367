/**
 * The contract of WorkspaceDataStorage (server/storage/WorkspaceDataStorage.ts),
 * run against every backend (workspaceDataSqlite.test.ts, workspaceDataPostgres.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberRecord, Storage, WorkspaceRecord } from '../../server/storage/Storage.ts';
import { textUpdate } from '../helpers/collab.ts';

export interface WorkspaceDataFixture {
  storage: Storage;
  cleanup(): Promise<void>;
}

const T0 = 1_764_000_000_000;
const bytes = (text: string) => new TextEncoder().encode(text);

function member(id: string, workspaceId: string, extra: Partial<MemberRecord> = {}): MemberRecord {
  return { id, workspaceId, name: `Naam ${id}`, role: 'resident', access: 'edit', createdAt: T0, removedAt: null, ...extra };
}

export function describeWorkspaceDataContract(name: string, open: () => Promise<WorkspaceDataFixture>): void {
  describe(`WorkspaceDataStorage contract: ${name}`, () => {
    let fixture: WorkspaceDataFixture;
    let storage: Storage;

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    async function workspace(id: string, founderId: string, tokenHash: string): Promise<WorkspaceRecord> {
      const ws = { id, name: `Werkruimte ${id}`, createdAt: T0 };
      await storage.createWorkspace(ws, member(founderId, id), tokenHash);
      return ws;
    }

    it('lists a workspace’s documents, oldest first, and only its own', async () => {
      await workspace('ws1', 'm1', 'h1');
      await workspace('ws2', 'm2', 'h2');
      await storage.createDocument({ workspaceId: 'ws1', docId: 'b', createdAt: T0 + 2, createdBy: 'm1' });
      await storage.createDocument({ workspaceId: 'ws1', docId: 'a', createdAt: T0 + 1, createdBy: null });
      await storage.createDocument({ workspaceId: 'ws2', docId: 'c', createdAt: T0, createdBy: 'm2' });
      expect((await storage.listDocuments('ws1')).map((doc) => [doc.docId, doc.createdBy])).toEqual([['a', null], ['b', 'm1']]);
      expect(await storage.listDocuments('nope')).toEqual([]);
    });

    it('adds members without a session: listed, but nobody signs in as them', async () => {
      await workspace('ws1', 'm1', 'h1');
      await storage.addMembersWithoutSession([member('old1', 'ws1', { removedAt: T0 + 5 }), member('old2', 'ws1', { role: 'other', access: 'view' })]);
      expect((await storage.listMembers('ws1')).map((m) => m.id)).toEqual(['m1', 'old1', 'old2']);
      expect(await storage.getMember('old2')).toMatchObject({ role: 'other', access: 'view', removedAt: null });
    });

    it('anonymising renames, keeps the role, marks removed and revokes every session at once', async () => {
      await workspace('ws1', 'm1', 'h1');
      await storage.acceptInvite(member('m2', 'ws1', { role: 'professional' }), 'h2');
      await storage.anonymiseMember('m2', 'oud-lid', T0 + 10);
      expect(await storage.getMember('m2')).toMatchObject({ name: 'oud-lid', role: 'professional', removedAt: T0 + 10 });
      expect(await storage.findSession('h2')).toBeNull();
      expect((await storage.findSession('h1'))?.member.id).toBe('m1');
      // Anonymising someone removed earlier keeps the first removal time.
      await storage.anonymiseMember('m2', 'oud-lid', T0 + 20);
      expect((await storage.getMember('m2'))?.removedAt).toBe(T0 + 10);
    });

    it('lists a member’s log entries in order, not anyone else’s, with their times', async () => {
      await workspace('ws1', 'm1', 'h1');
      await storage.appendUpdate('ws1', 'plan', bytes('een'), { memberId: 'm1', at: T0 + 1 });
      await storage.appendUpdate('ws1', 'plan', bytes('twee'), { memberId: 'm2', at: T0 + 2 });
      await storage.appendUpdate('ws1', 'notes', bytes('drie'), { memberId: 'm1', at: T0 + 3 });
      await storage.appendUpdate('ws2', 'plan', bytes('vier'), { memberId: 'm1', at: T0 + 4 });
      const entries = await storage.listMemberUpdates('ws1', 'm1');
      expect(entries.map((entry) => [entry.docId, new TextDecoder().decode(entry.update), entry.at])).toEqual([
        ['plan', 'een', T0 + 1],
        ['notes', 'drie', T0 + 3],
      ]);
      expect(entries[0]!.seq).toBeLessThan(entries[1]!.seq);
    });

    it('deleting a workspace removes every row of it and nothing of another', async () => {
      await workspace('ws1', 'm1', 'h1');
      await workspace('ws2', 'm9', 'h9');
      await storage.acceptInvite(member('m2', 'ws1'), 'h2');
      await storage.createInvite({ id: 'i1', workspaceId: 'ws1', access: 'edit', createdBy: 'm1', createdAt: T0, revokedAt: null }, 'code1');
      await storage.createDocument({ workspaceId: 'ws1', docId: 'plan', createdAt: T0, createdBy: 'm1' }, { update: textUpdate('begin'), origin: { memberId: null, at: T0 } });
      await storage.appendUpdate('ws1', 'plan', textUpdate('meer'), { memberId: 'm2', at: T0 + 1 });
      await storage.compact('ws1', 'plan');
      await storage.createDocument({ workspaceId: 'ws2', docId: 'plan', createdAt: T0, createdBy: 'm9' }, { update: bytes('blijft'), origin: { memberId: null, at: T0 } });

      await storage.deleteWorkspace('ws1');
      expect(await storage.getWorkspace('ws1')).toBeNull();
      expect(await storage.listMembers('ws1')).toEqual([]);
      expect(await storage.getMember('m2')).toBeNull();
      expect(await storage.findSession('h1')).toBeNull();
      expect(await storage.sessionLastUsedAt('h2')).toBeNull();
      expect(await storage.findInvite('code1')).toBeNull();
      expect(await storage.listDocuments('ws1')).toEqual([]);
      expect(await storage.loadDocument('ws1', 'plan')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
      expect(await storage.listMemberUpdates('ws1', 'm2')).toEqual([]);

      expect((await storage.findSession('h9'))?.workspace.id).toBe('ws2');
      expect((await storage.loadDocument('ws2', 'plan')).updates.length).toBe(1);
      await storage.deleteWorkspace('nope'); // nothing happens
      // The ids are free again (an import of an export made before the deletion).
      await workspace('ws1', 'm1', 'h1');
      expect((await storage.findSession('h1'))?.member.id).toBe('m1');
    });

    it('a session’s last use is its creation until marked; unknown hashes have none', async () => {
      await workspace('ws1', 'm1', 'h1');
      expect(await storage.sessionLastUsedAt('h1')).toBe(T0);
      await storage.markSessionUsed('h1', T0 + 1000);
      expect(await storage.sessionLastUsedAt('h1')).toBe(T0 + 1000);
      expect(await storage.sessionLastUsedAt('unknown')).toBeNull();
    });
  });
}

/**
 * The behaviour every Storage implementation promises, written against the
 * interface only, so SQLite and PostgreSQL run the very same checks.
 *
 * `open` gives a fresh, empty storage for each test; `cleanup` runs after the
 * test and must cope with a storage the test already closed. `openPeer` opens
 * a second storage on the same database, as a second server process would
 * (cleanup closes the peers too).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  AppendedUpdate,
  InviteRecord,
  MemberRecord,
  Storage,
  StoredDocument,
  WorkspaceRecord,
} from '../../server/storage/Storage.ts';

export interface OpenedStorage {
  storage: Storage;
  openPeer: () => Promise<Storage>;
  cleanup: () => Promise<void>;
}

/** Real Yjs updates: each one appends its string to the text 'body', in order. */
function textUpdates(strings: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('body');
  for (const s of strings) text.insert(text.length, s);
  doc.destroy();
  return updates;
}

/** What a server would rebuild: the snapshot, then the log after it. */
function textOf(stored: StoredDocument): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  const result = doc.getText('body').toString();
  doc.destroy();
  return result;
}

function origin(memberId: string | null = 'm-1') {
  return { memberId, at: 1_700_000_000_000 };
}

const T0 = 1_700_000_000_000;

function workspace(id: string): WorkspaceRecord {
  return { id, name: `Werkplaats ${id}`, createdAt: T0 };
}

function member(id: string, workspaceId: string, overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    id,
    workspaceId,
    name: `Lid ${id}`,
    role: 'resident',
    access: 'edit',
    createdAt: T0 + 1,
    removedAt: null,
    ...overrides,
  };
}

function invite(id: string, workspaceId: string, createdBy: string, overrides: Partial<InviteRecord> = {}): InviteRecord {
  return { id, workspaceId, access: 'view', createdBy, createdAt: T0 + 2, revokedAt: null, ...overrides };
}

export function describeStorageContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let openPeer: () => Promise<Storage>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ storage, openPeer, cleanup } = await open());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('documents', () => {
      it('an unknown document has no snapshot, no updates and no record', async () => {
        expect(await storage.loadDocument('ws', 'nothing')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
        expect(await storage.pendingLogLength('ws', 'nothing')).toBe(0);
        expect(await storage.getDocument('ws', 'nothing')).toBeNull();
      });

      it('loads appended updates byte for byte, in append order, with increasing seqs', async () => {
        const updates = textUpdates(['Doel: ', 'een ', 'trapveldje']);
        const seqs: number[] = [];
        for (const update of updates) seqs.push((await storage.appendUpdate('ws', 'plan', update, origin())).seq);

        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
        const stored = await storage.loadDocument('ws', 'plan');
        expect(stored.snapshot).toBeNull();
        expect(stored.snapshotSeq).toBe(0);
        expect(stored.updates.map((u) => u.seq)).toEqual(seqs);
        expect(stored.updates.map((u) => u.update)).toEqual(updates);
        expect(textOf(stored)).toBe('Doel: een trapveldje');
        expect(await storage.pendingLogLength('ws', 'plan')).toBe(3);
      });

      it('stores exactly the bytes of an update that is a view into a larger buffer', async () => {
        const [update] = textUpdates(['alleen dit']);
        const padded = new Uint8Array(update!.length + 8).fill(0xff);
        padded.set(update!, 4);
        await storage.appendUpdate('ws', 'plan', padded.subarray(4, 4 + update!.length), origin());
        const stored = await storage.loadDocument('ws', 'plan');
        expect(stored.updates.map((u) => u.update)).toEqual([update]);
      });

      it('accepts updates without a member (server-written content)', async () => {
        const [update] = textUpdates(['sjabloon']);
        await storage.appendUpdate('ws', 'plan', update!, origin(null));
        expect(textOf(await storage.loadDocument('ws', 'plan'))).toBe('sjabloon');
      });

      it('keeps documents apart: same doc id in another workspace, other doc id in the same one', async () => {
        const [a] = textUpdates(['A']);
        const [b] = textUpdates(['B']);
        const [c] = textUpdates(['C']);
        await storage.appendUpdate('ws1', 'doc', a!, origin());
        await storage.appendUpdate('ws2', 'doc', b!, origin());
        await storage.appendUpdate('ws1', 'other', c!, origin());
        expect(textOf(await storage.loadDocument('ws1', 'doc'))).toBe('A');
        expect(textOf(await storage.loadDocument('ws2', 'doc'))).toBe('B');
        expect(textOf(await storage.loadDocument('ws1', 'other'))).toBe('C');
      });

      it('commits many concurrent appends across documents: all resolve, each document keeps call order', async () => {
        const docs = Array.from({ length: 8 }, (_, i) => `doc-${i}`);
        const perDoc = 25;
        const updatesByDoc = new Map(
          docs.map((doc) => [doc, textUpdates(Array.from({ length: perDoc }, (_, i) => `${doc}:${i};`))]),
        );
        // Interleave the calls across documents, all in the same tick.
        const calls: { doc: string; appended: Promise<AppendedUpdate> }[] = [];
        for (let i = 0; i < perDoc; i++) {
          for (const doc of docs) {
            calls.push({ doc, appended: storage.appendUpdate('ws', doc, updatesByDoc.get(doc)![i]!, origin()) });
          }
        }
        const appended = await Promise.all(calls.map((call) => call.appended));
        const seqs = appended.map((a) => a.seq);

        for (const doc of docs) {
          const docAppended = appended.filter((_, i) => calls[i]!.doc === doc);
          const docSeqs = docAppended.map((a) => a.seq);
          for (let i = 1; i < docSeqs.length; i++) expect(docSeqs[i]).toBeGreaterThan(docSeqs[i - 1] as number);
          // Each update links to the one before it in its own document, never to another document's.
          expect(docAppended.map((a) => a.prevSeq)).toEqual([0, ...docSeqs.slice(0, -1)]);
          const stored = await storage.loadDocument('ws', doc);
          expect(stored.updates.map((u) => u.seq)).toEqual(docSeqs);
          expect(stored.updates.map((u) => u.update)).toEqual(updatesByDoc.get(doc));
          expect(textOf(stored)).toBe(Array.from({ length: perDoc }, (_, i) => `${doc}:${i};`).join(''));
        }
      });

      it('compaction moves the snapshot to the last update and keeps the content equal', async () => {
        const seqs: number[] = [];
        for (const update of textUpdates(['Wie ', 'doet ', 'wat'])) {
          seqs.push((await storage.appendUpdate('ws', 'plan', update, origin())).seq);
        }
        await storage.compact('ws', 'plan');

        const stored = await storage.loadDocument('ws', 'plan');
        expect(stored.snapshot).not.toBeNull();
        expect(stored.snapshotSeq).toBe(seqs.at(-1));
        expect(stored.updates).toEqual([]);
        expect(textOf(stored)).toBe('Wie doet wat');
        expect(await storage.pendingLogLength('ws', 'plan')).toBe(0);
      });

      it('updates appended after a compaction follow the snapshot, and a second compaction folds them in', async () => {
        const updates = textUpdates(['een', ' twee', ' drie', ' vier']);
        await storage.appendUpdate('ws', 'plan', updates[0]!, origin());
        await storage.appendUpdate('ws', 'plan', updates[1]!, origin());
        await storage.compact('ws', 'plan');
        const firstSnapshotSeq = (await storage.loadDocument('ws', 'plan')).snapshotSeq;

        const later = [
          (await storage.appendUpdate('ws', 'plan', updates[2]!, origin())).seq,
          (await storage.appendUpdate('ws', 'plan', updates[3]!, origin())).seq,
        ];
        const afterAppend = await storage.loadDocument('ws', 'plan');
        expect(afterAppend.snapshotSeq).toBe(firstSnapshotSeq);
        expect(afterAppend.updates.map((u) => u.seq)).toEqual(later);
        for (const seq of later) expect(seq).toBeGreaterThan(firstSnapshotSeq);
        expect(textOf(afterAppend)).toBe('een twee drie vier');
        expect(await storage.pendingLogLength('ws', 'plan')).toBe(2);

        await storage.compact('ws', 'plan');
        const afterSecond = await storage.loadDocument('ws', 'plan');
        expect(afterSecond.snapshotSeq).toBe(later[1]);
        expect(afterSecond.updates).toEqual([]);
        expect(textOf(afterSecond)).toBe('een twee drie vier');
      });

      it('compacting an unknown or already compacted document changes nothing', async () => {
        await storage.compact('ws', 'nothing');
        expect(await storage.loadDocument('ws', 'nothing')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });

        const [update] = textUpdates(['vast']);
        await storage.appendUpdate('ws', 'plan', update!, origin());
        await storage.compact('ws', 'plan');
        const once = await storage.loadDocument('ws', 'plan');
        await storage.compact('ws', 'plan');
        expect(await storage.loadDocument('ws', 'plan')).toEqual(once);
      });

      it('compaction includes appends that were called but not yet awaited', async () => {
        const updates = textUpdates(['a', 'b', 'c']);
        const seqs = updates.map((update) => storage.appendUpdate('ws', 'plan', update, origin()));
        await storage.compact('ws', 'plan');
        const resolved = (await Promise.all(seqs)).map((appended) => appended.seq);

        const stored = await storage.loadDocument('ws', 'plan');
        expect(textOf(stored)).toBe('abc');
        // Whatever the compaction saw, nothing is lost and nothing is counted twice.
        expect(stored.updates.every((u) => u.seq > stored.snapshotSeq)).toBe(true);
        expect(resolved.filter((seq) => seq > stored.snapshotSeq)).toEqual(stored.updates.map((u) => u.seq));
      });

      it('links each append to the previous update of its document, starting from createDocument’s content', async () => {
        const [template, a, b] = textUpdates(['Doel', ' A', ' B']);
        const record = { workspaceId: 'ws', docId: 'plan', createdAt: T0, createdBy: null };
        await storage.createDocument(record, { update: template!, origin: origin(null) });
        const templateSeq = (await storage.loadDocument('ws', 'plan')).updates[0]!.seq;

        const first = await storage.appendUpdate('ws', 'plan', a!, origin());
        const elsewhere = await storage.appendUpdate('ws', 'other', a!, origin());
        const second = await storage.appendUpdate('ws', 'plan', b!, origin());
        expect(first.prevSeq).toBe(templateSeq);
        expect(elsewhere.prevSeq).toBe(0);
        expect(second.prevSeq).toBe(first.seq);
        await storage.compact('ws', 'plan');
        // Compaction keeps the log, so the chain goes on from the last update.
        const third = await storage.appendUpdate('ws', 'plan', b!, origin());
        expect(third.prevSeq).toBe(second.seq);
      });

      it('loadUpdatesAfter returns the log after a seq, in order, also the part a snapshot covers', async () => {
        const updates = textUpdates(['een', ' twee', ' drie']);
        const appended: AppendedUpdate[] = [];
        for (const update of updates) appended.push(await storage.appendUpdate('ws', 'plan', update, origin()));
        await storage.appendUpdate('ws', 'other', updates[0]!, origin());
        await storage.compact('ws', 'plan');

        const afterFirst = await storage.loadUpdatesAfter('ws', 'plan', appended[0]!.seq);
        expect(afterFirst.map((u) => u.seq)).toEqual([appended[1]!.seq, appended[2]!.seq]);
        expect(afterFirst.map((u) => u.update)).toEqual([updates[1], updates[2]]);
        expect((await storage.loadUpdatesAfter('ws', 'plan', 0)).map((u) => u.update)).toEqual(updates);
        expect(await storage.loadUpdatesAfter('ws', 'plan', appended[2]!.seq)).toEqual([]);
        expect(await storage.loadUpdatesAfter('ws', 'nothing', 0)).toEqual([]);
      });

      it('countDocuments counts a workspace’s own documents, each once', async () => {
        expect(await storage.countDocuments('ws')).toBe(0);
        for (const docId of ['index', 'plan', 'notulen']) {
          await storage.createDocument({ workspaceId: 'ws', docId, createdAt: T0, createdBy: null });
        }
        await storage.createDocument({ workspaceId: 'ws', docId: 'plan', createdAt: T0, createdBy: null });
        await storage.createDocument({ workspaceId: 'other', docId: 'plan', createdAt: T0, createdBy: null });
        expect(await storage.countDocuments('ws')).toBe(3);
        expect(await storage.countDocuments('other')).toBe(1);
      });

      it('createDocument creates once: true, then false, and the first record stays', async () => {
        const record = { workspaceId: 'ws', docId: 'plan', createdAt: T0, createdBy: 'm-1' };
        expect(await storage.createDocument(record)).toBe(true);
        expect(await storage.createDocument({ ...record, createdAt: T0 + 5, createdBy: 'm-2' })).toBe(false);
        expect(await storage.getDocument('ws', 'plan')).toEqual(record);
      });

      it('createDocument stores starting content with the record, exactly once', async () => {
        const record = { workspaceId: 'ws', docId: 'plan', createdAt: T0, createdBy: 'm-1' };
        const [template, other] = textUpdates(['Doel', 'Nog eens']);
        expect(await storage.createDocument(record, { update: template!, origin: { memberId: null, at: T0 } })).toBe(true);
        expect(await storage.createDocument(record, { update: other!, origin: { memberId: null, at: T0 } })).toBe(false);
        const stored = await storage.loadDocument('ws', 'plan');
        expect(textOf(stored)).toBe('Doel');
        expect(stored.updates).toHaveLength(1);
      });

      it('a document record may have no creator (server templates)', async () => {
        const record = { workspaceId: 'ws', docId: 'index', createdAt: T0, createdBy: null };
        expect(await storage.createDocument(record)).toBe(true);
        expect(await storage.getDocument('ws', 'index')).toEqual(record);
      });
    });

    describe('two storages on one database (two server processes)', () => {
      it('see each other’s appends, and the chain of a document runs through both', async () => {
        const peer = await openPeer();
        const updates = textUpdates(['a', 'b', 'c', 'd']);
        const chain: AppendedUpdate[] = [];
        for (const [i, update] of updates.entries()) {
          chain.push(await (i % 2 === 0 ? storage : peer).appendUpdate('ws', 'plan', update, origin()));
        }
        expect(chain.map((a) => a.prevSeq)).toEqual([0, ...chain.slice(0, -1).map((a) => a.seq)]);
        expect(textOf(await peer.loadDocument('ws', 'plan'))).toBe('abcd');
        expect(textOf(await storage.loadDocument('ws', 'plan'))).toBe('abcd');
      });

      it('concurrent appends and compactions from both lose nothing, and every chain link is exact', async () => {
        const peer = await openPeer();
        const perSide = 60;
        // Two writers on one document, each with its own Y.Doc (like two clients), plus compactions from both sides.
        const write = async (target: Storage, prefix: string) => {
          const doc = new Y.Doc();
          const text = doc.getText('body');
          const appended: AppendedUpdate[] = [];
          for (let i = 0; i < perSide; i++) {
            const before = Y.encodeStateVector(doc);
            text.insert(text.length, `<${prefix}${i}>`);
            appended.push(await target.appendUpdate('ws', 'plan', Y.encodeStateAsUpdate(doc, before), origin()));
            if (i % 15 === 7) await target.compact('ws', 'plan');
          }
          doc.destroy();
          return appended;
        };
        const [mine, theirs] = await Promise.all([write(storage, 'a'), write(peer, 'b')]);
        await Promise.all([storage.compact('ws', 'plan'), peer.compact('ws', 'plan')]);

        const stored = await storage.loadDocument('ws', 'plan');
        const text = textOf(stored);
        for (let i = 0; i < perSide; i++) {
          expect(text).toContain(`<a${i}>`);
          expect(text).toContain(`<b${i}>`);
        }
        // Sorted by seq, the appends of both sides form one unbroken chain.
        const all = [...mine, ...theirs].sort((x, y) => x.seq - y.seq);
        expect(all.map((a) => a.prevSeq)).toEqual([0, ...all.slice(0, -1).map((a) => a.seq)]);
        expect(stored.snapshotSeq).toBe(all.at(-1)!.seq);
        expect(stored.updates).toEqual([]);
        expect((await storage.loadUpdatesAfter('ws', 'plan', 0)).map((u) => u.seq)).toEqual(all.map((a) => a.seq));
      });
    });

    describe('accounts', () => {
      it('createWorkspace stores the workspace, its founder and a session that finds them', async () => {
        const ws = workspace('w1');
        const founder = member('m1', 'w1');
        await storage.createWorkspace(ws, founder, 'token-hash-1');

        expect(await storage.getWorkspace('w1')).toEqual(ws);
        expect(await storage.getMember('m1')).toEqual(founder);
        expect(await storage.listMembers('w1')).toEqual([founder]);
        expect(await storage.findSession('token-hash-1')).toEqual({ member: founder, workspace: ws });
      });

      it('unknown workspace, member and session are null', async () => {
        expect(await storage.getWorkspace('nope')).toBeNull();
        expect(await storage.getMember('nope')).toBeNull();
        expect(await storage.findSession('nope')).toBeNull();
        expect(await storage.listMembers('nope')).toEqual([]);
      });

      it('createWorkspace is all or nothing: a clashing session hash leaves no workspace or member behind', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'same-hash');
        await expect(storage.createWorkspace(workspace('w2'), member('m2', 'w2'), 'same-hash')).rejects.toThrow();
        expect(await storage.getWorkspace('w2')).toBeNull();
        expect(await storage.getMember('m2')).toBeNull();
        expect((await storage.findSession('same-hash'))?.member.id).toBe('m1');
      });

      it('a removed member stays listed with removedAt, and none of its sessions authenticate', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'hash-founder');
        await storage.acceptInvite(member('m2', 'w1', { createdAt: T0 + 10 }), 'hash-m2-a');
        await storage.acceptInvite(member('m3', 'w1', { createdAt: T0 + 20 }), 'hash-m3');

        await storage.removeMember('m2', T0 + 100);

        expect(await storage.findSession('hash-m2-a')).toBeNull();
        expect((await storage.getMember('m2'))?.removedAt).toBe(T0 + 100);
        expect((await storage.listMembers('w1')).map((m) => [m.id, m.removedAt])).toEqual([
          ['m1', null],
          ['m2', T0 + 100],
          ['m3', null],
        ]);
        // Others are untouched.
        expect((await storage.findSession('hash-founder'))?.member.id).toBe('m1');
        expect((await storage.findSession('hash-m3'))?.member.id).toBe('m3');
      });

      it('invites: create, find by code hash, list, and revoke once', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'hash-founder');
        const viewInvite = invite('i1', 'w1', 'm1');
        const editInvite = invite('i2', 'w1', 'm1', { access: 'edit', createdAt: T0 + 3 });
        await storage.createInvite(viewInvite, 'code-hash-1');
        await storage.createInvite(editInvite, 'code-hash-2');

        expect(await storage.findInvite('code-hash-1')).toEqual(viewInvite);
        expect(await storage.findInvite('code-hash-2')).toEqual(editInvite);
        expect(await storage.findInvite('unknown')).toBeNull();
        expect(await storage.listInvites('w1')).toEqual([viewInvite, editInvite]);

        expect(await storage.revokeInvite('w1', 'i1', T0 + 50)).toBe(true);
        expect(await storage.revokeInvite('w1', 'i1', T0 + 60)).toBe(false);
        // A revoked invite is still found, so the caller can tell "revoked" from "unknown".
        expect(await storage.findInvite('code-hash-1')).toEqual({ ...viewInvite, revokedAt: T0 + 50 });
        expect(await storage.listInvites('w1')).toEqual([{ ...viewInvite, revokedAt: T0 + 50 }, editInvite]);
      });

      it('revokeInvite is false for an unknown invite or one of another workspace', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'hash-1');
        await storage.createWorkspace(workspace('w2'), member('m2', 'w2'), 'hash-2');
        await storage.createInvite(invite('i1', 'w1', 'm1'), 'code-hash-1');

        expect(await storage.revokeInvite('w1', 'no-such-invite', T0)).toBe(false);
        expect(await storage.revokeInvite('w2', 'i1', T0)).toBe(false);
        expect((await storage.findInvite('code-hash-1'))?.revokedAt).toBeNull();
        expect(await storage.listInvites('w2')).toEqual([]);
      });

      it('two invites cannot share a code hash', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'hash-1');
        await storage.createInvite(invite('i1', 'w1', 'm1'), 'code-hash');
        await expect(storage.createInvite(invite('i2', 'w1', 'm1'), 'code-hash')).rejects.toThrow();
        expect(await storage.listInvites('w1')).toHaveLength(1);
      });

      it('acceptInvite adds the member with its access and opens a session for it', async () => {
        const ws = workspace('w1');
        await storage.createWorkspace(ws, member('m1', 'w1'), 'hash-founder');
        const joined = member('m2', 'w1', { name: 'Gemeente', role: 'other', access: 'view', createdAt: T0 + 10 });
        await storage.acceptInvite(joined, 'hash-m2');

        expect(await storage.getMember('m2')).toEqual(joined);
        expect(await storage.findSession('hash-m2')).toEqual({ member: joined, workspace: ws });
        expect((await storage.listMembers('w1')).map((m) => m.id)).toEqual(['m1', 'm2']);
      });

      it('acceptInvite is all or nothing: a clashing session hash adds no member', async () => {
        await storage.createWorkspace(workspace('w1'), member('m1', 'w1'), 'hash-founder');
        await expect(storage.acceptInvite(member('m2', 'w1'), 'hash-founder')).rejects.toThrow();
        expect(await storage.getMember('m2')).toBeNull();
        expect((await storage.listMembers('w1')).map((m) => m.id)).toEqual(['m1']);
      });
    });

    describe('lifecycle', () => {
      it('close waits for appends in flight, and later calls reject', async () => {
        const [update] = textUpdates(['laatste']);
        const pending = storage.appendUpdate('ws', 'plan', update!, origin());
        await storage.close();
        await expect(pending).resolves.toMatchObject({ seq: expect.any(Number), prevSeq: 0 });

        await expect(storage.appendUpdate('ws', 'plan', update!, origin())).rejects.toThrow(/closed/i);
        await expect(storage.loadDocument('ws', 'plan')).rejects.toThrow(/closed/i);
        await expect(storage.getWorkspace('w1')).rejects.toThrow(/closed/i);
      });

      it('closing twice is harmless', async () => {
        await storage.close();
        await expect(storage.close()).resolves.toBeUndefined();
      });
    });
  });
}

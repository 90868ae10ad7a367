/**
 * Test helpers for the workspace export zip: download it, send it back as an
 * import, unpack it, and read rows of a server's SQLite file from outside.
 */
import BetterSqlite3 from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { sqliteFilePath } from '../../server/storage/sqlite.ts';
import type { ServerAddress } from './collab.ts';

export async function downloadExport(server: ServerAddress, workspaceId: string, token: string): Promise<Response> {
  return fetch(`${server.url}/api/workspaces/${workspaceId}/export`, { headers: { authorization: `Bearer ${token}` } });
}

export async function exportZip(server: ServerAddress, workspaceId: string, token: string): Promise<Uint8Array> {
  const response = await downloadExport(server, workspaceId, token);
  if (response.status !== 200) throw new Error(`export: HTTP ${response.status}: ${await response.text()}`);
  return new Uint8Array(await response.arrayBuffer());
}

export interface ImportAnswer {
  status: number;
  body: { workspaceId?: string; memberId?: string; token?: string; error?: string; message?: string };
}

export async function importZip(
  server: ServerAddress,
  zip: Uint8Array,
  person = { name: 'Anna', role: 'resident' },
  contentType = 'application/zip',
): Promise<ImportAnswer> {
  const query = new URLSearchParams(person).toString();
  const response = await fetch(`${server.url}/api/workspace-imports?${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'accept-language': 'nl' },
    body: Buffer.from(zip),
  });
  return { status: response.status, body: (await response.json()) as ImportAnswer['body'] };
}

/** The zip's files; JSON files parsed, Markdown as text, Yjs state as bytes. */
export function unpack(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)));
}

export function jsonFile<T = unknown>(files: Map<string, Uint8Array>, path: string): T {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`${path} is not in the zip`);
  return JSON.parse(strFromU8(bytes)) as T;
}

/** Reads rows from a server's SQLite file in another connection (the file is shared safely in WAL mode). */
export function sqliteRows<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(sqliteFilePath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

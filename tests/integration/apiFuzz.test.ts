/**
 * API fuzzing (issue 7): every route of server/http/apiRoutes.ts (read from the
 * source, so new routes are fuzzed too), as a member with edit access, with
 * wrong types, missing fields, huge bodies, broken JSON, other content types
 * and unicode edge cases in bodies and path parameters. Every answer is a 4xx
 * (or a success) with the uniform readable error body, never a 5xx, never a
 * stack trace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { createWorkspace } from '../helpers/collab.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const ROUTES = [
  ...readFileSync(path.resolve(import.meta.dirname, '../../server/http/apiRoutes.ts'), 'utf8').matchAll(
    /app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g,
  ),
].map((match) => ({ method: match[1]!.toUpperCase(), path: match[2]! }));

const UNICODE = ['', ' ', '\u0000', '\uFEFF', '\uD800', 'Ā'.repeat(200), '👩🏽‍🤝‍👩🏻'.repeat(30), 'a\u202Eb', '../../etc/passwd', '%00', '<script>', 'null'];

function bodies(gen: prng.PRNG): { body: string | undefined; contentType: string | undefined }[] {
  const values: unknown[] = [null, true, 0, -1, 1e308, 'x', [], {}, [1, 2], { name: {} }, ...UNICODE];
  const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });
  const list = [
    { body: undefined, contentType: undefined },
    { body: '', contentType: 'application/json' },
    { body: '{"name": ', contentType: 'application/json' },
    { body: 'name=Anna', contentType: 'application/x-www-form-urlencoded' },
    { body: 'hallo', contentType: 'text/plain' },
    { body: '{}'.padEnd(200_000, ' '), contentType: 'application/json' },
    json({ name: 'x'.repeat(100_000) }),
    json({ __proto__: { admin: true }, constructor: { prototype: { admin: true } } }),
    ...values.map((value) => json(value)),
  ];
  for (let i = 0; i < 12; i++) {
    const key = prng.oneOf(gen, ['name', 'member', 'role', 'access', 'kind', 'workplaceId', 'title', 'date']);
    list.push(json({ [key]: prng.oneOf(gen, values), member: prng.oneOf(gen, values), name: prng.oneOf(gen, values) }));
  }
  return list;
}

/** A lone surrogate cannot be encoded; it is sent as its raw (invalid) UTF-8 bytes instead. */
function encodePathSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

let server: TestServer;
let workspace: { workspaceId: string; memberId: string; token: string };

beforeAll(async () => {
  server = await startServer({ env: { INVITE_GUESSES_PER_MINUTE: '100000' } });
  workspace = await createWorkspace(server);
});
afterAll(async () => {
  await server?.stop();
});

describe('API fuzzing', () => {
  it(`finds the routes (${ROUTES.length})`, () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(10);
  });

  it('answers every route with every bad body and odd parameter with a readable 4xx (or a success), never a 5xx or a stack trace', async () => {
    const gen = prng.create(7);
    const failures: string[] = [];
    let requests = 0;
    for (const route of ROUTES) {
      const params = [workspace.workspaceId, ...UNICODE.map(encodePathSafe), '%ED%A0%80', '%', 'x'.repeat(300)];
      for (const param of params) {
        const url = route.path.replace(/:workspaceId/g, param === params[0] ? workspace.workspaceId : param).replace(/:[A-Za-z]+/g, param);
        // Every body against the real workspace id; a few bodies against each odd parameter.
        const all = route.method === 'GET' || route.method === 'DELETE' ? [{ body: undefined, contentType: undefined }] : bodies(gen);
        for (const { body, contentType } of param === params[0] ? all : all.slice(0, 4)) {
          const headers: Record<string, string> = { authorization: `Bearer ${workspace.token}`, origin: server.url };
          if (contentType) headers['content-type'] = contentType;
          const response = await fetch(server.url + url, { method: route.method, headers, body });
          const text = await response.text();
          requests++;
          const what = `${route.method} ${url.slice(0, 80)} ${contentType ?? ''} ${String(body).slice(0, 40)} → ${response.status}`;
          if (response.status >= 500) failures.push(`${what}: ${text.slice(0, 200)}`);
          if (/\bat .+\.(ts|js):\d+|Error:|stack/.test(text)) failures.push(`${what}: stack trace ${text.slice(0, 200)}`);
          if (response.status >= 400) {
            let parsed: { error?: unknown; message?: unknown } = {};
            try {
              parsed = JSON.parse(text) as typeof parsed;
            } catch {
              failures.push(`${what}: not JSON`);
            }
            if (typeof parsed.error !== 'string' || typeof parsed.message !== 'string' || parsed.message.length < 5) {
              failures.push(`${what}: no readable error ${text.slice(0, 120)}`);
            }
          }
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(requests).toBeGreaterThan(300);
  }, 120_000);
});

/**
 * The server's configuration, read and validated once from the environment
 * (CONTRACT.md, "Configuration"). Only main.ts calls loadConfig; everything
 * else receives a Config.
 */
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${name} must be between ${min} and ${max}` });

const url = (name: string, protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}` },
    );

const environment = z.object({
  PORT: integer('PORT', 0, 65535).default(1234),
  HOST: z.string().trim().min(1, { error: 'HOST must not be empty' }).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, { error: 'DATA_DIR must not be empty' }).default('./data'),
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url('REDIS_URL', ['redis:', 'rediss:']).optional(),
  SIGNUP: z.enum(['open', 'closed'], { error: 'SIGNUP must be "open" or "closed"' }).default('open'),
  PUBLIC_URL: url('PUBLIC_URL', ['http:', 'https:']).optional(),
  CHROMIUM_PATH: z.string().trim().min(1, { error: 'CHROMIUM_PATH must not be empty' }).default('/usr/bin/chromium'),
  MAX_MESSAGE_BYTES: integer('MAX_MESSAGE_BYTES', 1024, 1024 * 1024 * 1024).default(8 * 1024 * 1024),
  MAX_MESSAGES_PER_SECOND: integer('MAX_MESSAGES_PER_SECOND', 1, 1_000_000).default(200),
  MESSAGE_BURST: integer('MESSAGE_BURST', 1, 10_000_000).default(2000),
  MAX_CONNECTIONS_PER_IP: integer('MAX_CONNECTIONS_PER_IP', 1, 1_000_000).default(200),
  MAX_DOCUMENTS_PER_WORKSPACE: integer('MAX_DOCUMENTS_PER_WORKSPACE', 1, 10_000_000).default(1000),
  MAX_DOCUMENT_BYTES: integer('MAX_DOCUMENT_BYTES', 1024, 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  MAX_BUFFERED_BYTES: integer('MAX_BUFFERED_BYTES', 64 * 1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  MAX_BODY_BYTES: integer('MAX_BODY_BYTES', 1024, 64 * 1024 * 1024).default(64 * 1024),
  INVITE_GUESSES_PER_MINUTE: integer('INVITE_GUESSES_PER_MINUTE', 1, 1_000_000).default(20),
  SESSION_IDLE_DAYS: integer('SESSION_IDLE_DAYS', 1, 3650).default(90),
  MAX_IMPORT_BYTES: integer('MAX_IMPORT_BYTES', 1024, 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ROOM_UNLOAD_AFTER_MS: integer('ROOM_UNLOAD_AFTER_MS', 0, 24 * 60 * 60 * 1000).default(30_000),
  COMPACT_AFTER_UPDATES: integer('COMPACT_AFTER_UPDATES', 1, 1_000_000).default(500),
  STATIC_DIR: z.string().trim().min(1).default('./dist/client'),
  REDIS_CHANNEL_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, { error: 'REDIS_CHANNEL_PREFIX must be 1-64 letters, digits or _ : . -' })
    .default('samenspel:'),
  // TEST ONLY: while this file exists, every document update append fails (storage/writeFaults.ts).
  STORAGE_TEST_FAIL_WRITES_FILE: z.string().trim().min(1).optional(),
  // TEST ONLY: ordinals of document updates this process does not publish (fault injection).
  FANOUT_TEST_DROP_UPDATES: z
    .string()
    .trim()
    .regex(/^\d+(,\d+)*$/, { error: 'FANOUT_TEST_DROP_UPDATES must be a comma-separated list of whole numbers' })
    .transform((value) => value.split(',').map(Number))
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  signup: 'open' | 'closed';
  /** Base for invite links, without a trailing slash; derived from HOST and PORT when unset. */
  publicUrl: string | undefined;
  maxMessageBytes: number;
  /** The Chromium that prints PDF exports; without it the PDF export answers 503. */
  chromiumPath: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Messages a collaboration connection may send per second, on average (token bucket refill). */
  maxMessagesPerSecond: number;
  /** How many messages a connection may send at once before the rate applies (bucket size). */
  messageBurst: number;
  /** Open collaboration connections from one IP address. */
  maxConnectionsPerIp: number;
  maxDocumentsPerWorkspace: number;
  /** A document whose encoded state would grow past this refuses further updates. */
  maxDocumentBytes: number;
  /** Bytes that may wait unsent for one collaboration client before it is dropped (a client that stopped reading). */
  maxBufferedBytes: number;
  /** Largest HTTP API request body. */
  maxBodyBytes: number;
  /** Unknown invite codes one IP address may try per minute before it gets 429. */
  inviteGuessesPerMinute: number;
  /** How long a room stays in memory after its last connection left. */
  roomUnloadAfterMs: number;
  /** Compact a document's log when this many updates follow its snapshot. */
  compactAfterUpdates: number;
  /** The built client (vite build output). */
  staticDir: string;
  /** A session unused for this many days no longer signs anyone in. */
  sessionIdleDays: number;
  /** Largest workspace export zip accepted for import. */
  maxImportBytes: number;
  /** Put before every Redis channel name (several installations or tests on one Redis). */
  redisChannelPrefix: string;
  /** TEST ONLY: ordinals (from 1) of document updates this process does not publish. Empty in production. */
  fanoutTestDropUpdates: number[];
  /** TEST ONLY: while this file exists, document update appends fail. Unset in production. */
  storageTestFailWritesFile: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws a ConfigError that lists every bad value. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  if (values.REDIS_URL && !values.DATABASE_URL) {
    // Each process would keep only its own clients' updates in its own SQLite file: an update
    // relayed from another process is never stored again, so restarts would lose work.
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: needs DATABASE_URL too; processes that share documents must share one PostgreSQL database',
    );
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    signup: values.SIGNUP,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    maxMessageBytes: values.MAX_MESSAGE_BYTES,
    chromiumPath: values.CHROMIUM_PATH,
    logLevel: values.LOG_LEVEL,
    maxMessagesPerSecond: values.MAX_MESSAGES_PER_SECOND,
    messageBurst: values.MESSAGE_BURST,
    maxConnectionsPerIp: values.MAX_CONNECTIONS_PER_IP,
    maxDocumentsPerWorkspace: values.MAX_DOCUMENTS_PER_WORKSPACE,
    maxDocumentBytes: values.MAX_DOCUMENT_BYTES,
    maxBodyBytes: values.MAX_BODY_BYTES,
    maxBufferedBytes: values.MAX_BUFFERED_BYTES,
    inviteGuessesPerMinute: values.INVITE_GUESSES_PER_MINUTE,
    roomUnloadAfterMs: values.ROOM_UNLOAD_AFTER_MS,
    compactAfterUpdates: values.COMPACT_AFTER_UPDATES,
    staticDir: path.resolve(values.STATIC_DIR),
    sessionIdleDays: values.SESSION_IDLE_DAYS,
    maxImportBytes: values.MAX_IMPORT_BYTES,
    redisChannelPrefix: values.REDIS_CHANNEL_PREFIX,
    fanoutTestDropUpdates: values.FANOUT_TEST_DROP_UPDATES ?? [],
    storageTestFailWritesFile: values.STORAGE_TEST_FAIL_WRITES_FILE,
  };
}

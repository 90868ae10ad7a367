import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('config', () => {
  it('uses the defaults of CONTRACT.md when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(1234);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.signup).toBe('open');
    expect(config.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(config.logLevel).toBe('info');
    expect(config.roomUnloadAfterMs).toBe(30_000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/samenspel',
      SIGNUP: 'closed',
      PUBLIC_URL: 'https://samen.example.nl/',
      MAX_MESSAGE_BYTES: '65536',
      LOG_LEVEL: 'warn',
      ROOM_UNLOAD_AFTER_MS: '500',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/samenspel',
      signup: 'closed',
      publicUrl: 'https://samen.example.nl',
      maxMessageBytes: 65536,
      logLevel: 'warn',
      roomUnloadAfterMs: 500,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', PUBLIC_URL: '' }).port).toBe(1234);
  });

  it('refuses bad values with a message that names each of them', () => {
    const attempt = () => loadConfig({ PORT: 'abc', SIGNUP: 'maybe', DATABASE_URL: 'mysql://x', MAX_MESSAGE_BYTES: '10' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('SIGNUP');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('MAX_MESSAGE_BYTES');
    }
  });

  it('reads the fan-out settings, and refuses REDIS_URL without DATABASE_URL (processes must share one database)', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.example/samenspel', REDIS_URL: 'redis://cache.example:6379' });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://db.example/samenspel',
      redisUrl: 'redis://cache.example:6379',
      redisChannelPrefix: 'samenspel:',
      fanoutTestDropUpdates: [],
    });
    expect(loadConfig({ REDIS_CHANNEL_PREFIX: 'gemeente-a:', FANOUT_TEST_DROP_UPDATES: '3,8' })).toMatchObject({
      redisChannelPrefix: 'gemeente-a:',
      fanoutTestDropUpdates: [3, 8],
    });
    expect(() => loadConfig({ REDIS_URL: 'redis://cache.example:6379' })).toThrow(/REDIS_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ REDIS_CHANNEL_PREFIX: 'met spatie' })).toThrow(/REDIS_CHANNEL_PREFIX/);
    expect(() => loadConfig({ FANOUT_TEST_DROP_UPDATES: 'drie' })).toThrow(/FANOUT_TEST_DROP_UPDATES/);
  });

  it('has the documented defaults for the abuse limits, and refuses bad values naming the variable', () => {
    expect(loadConfig({})).toMatchObject({
      maxMessagesPerSecond: 200,
      messageBurst: 2000,
      maxConnectionsPerIp: 200,
      maxDocumentsPerWorkspace: 1000,
      maxDocumentBytes: 32 * 1024 * 1024,
      maxBodyBytes: 64 * 1024,
      inviteGuessesPerMinute: 20,
      maxBufferedBytes: 16 * 1024 * 1024,
    });
    expect(loadConfig({ MAX_MESSAGES_PER_SECOND: '50', MAX_BODY_BYTES: '1048576' })).toMatchObject({
      maxMessagesPerSecond: 50,
      maxBodyBytes: 1024 * 1024,
    });
    expect(() => loadConfig({ MAX_CONNECTIONS_PER_IP: '0' })).toThrow(/MAX_CONNECTIONS_PER_IP must be between/);
    expect(() => loadConfig({ MAX_DOCUMENT_BYTES: 'veel' })).toThrow(/MAX_DOCUMENT_BYTES must be a whole number/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 0 and 65535/);
  });
});

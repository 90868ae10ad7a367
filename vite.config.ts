/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const serverPort = Number(process.env.PORT ?? 1234);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${serverPort}` },
      '/healthz': { target: `http://127.0.0.1:${serverPort}` },
      // Only WebSocket upgrades: client/collab/*.ts shares the prefix and must stay Vite's.
      '/collab': {
        target: `ws://127.0.0.1:${serverPort}`,
        ws: true,
        bypass: (request) => (request.headers.upgrade ? undefined : request.url),
      },
    },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * Ctrl-C (or SIGTERM) in the middle of a run must not leave servers, load
 * generators or temporary folders behind: whatever starts one registers how to
 * end it at once, and the handler runs every such cleanup before exiting.
 */
const cleanups = new Set<() => void>();

/** Registers a synchronous cleanup; returns the function that unregisters it (call it on a normal stop). */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function installInterruptHandler(log: (message: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping servers and load generators`);
      for (const cleanup of cleanups) {
        try {
          cleanup();
        } catch (error) {
          log(`cleanup failed: ${(error as Error).message}`);
        }
      }
      process.exit(130);
    });
  }
}

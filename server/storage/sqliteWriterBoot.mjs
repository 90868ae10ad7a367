// Entry of the SQLite writer thread. A worker thread does not inherit the TypeScript loader of
// the thread that starts it, so it registers its own before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./sqliteWriterThread.ts');

/** Starts a server under test by kind. */
import type { BenchServer, LaunchOptions, ServerKind } from './BenchServer.ts';
import { launchHocuspocus } from './hocuspocus.ts';
import { launchCandidate, launchOurs } from './ours.ts';
import { launchReference } from './reference.ts';

export function launchServer(kind: ServerKind, options: LaunchOptions): Promise<BenchServer> {
  switch (kind) {
    case 'ours':
      return launchOurs(options);
    case 'candidate':
      return launchCandidate(options);
    case 'reference':
      return launchReference(options);
    case 'hocuspocus':
      return launchHocuspocus(options);
    default: {
      const unknown: never = kind;
      throw new Error(`unknown server ${String(unknown)}`);
    }
  }
}

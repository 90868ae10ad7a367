/** The three servers under test, as the benchmark sees them. */

/**
 * The servers a run can compare, in the order they alternate. `candidate` is
 * our server from another tree (a commit or a folder, `--candidate`), so a
 * change can be measured against the current one in the same run.
 */
export const SERVER_KINDS = ['ours', 'candidate', 'reference', 'hocuspocus'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** How clients talk to a server: our URL scheme and token, the reference's, or Hocuspocus'. */
export type Protocol = 'samenspel' | 'y-websocket' | 'hocuspocus';

/** What a load generator needs to reach a server: plain data, sent to the generator processes. */
export interface ServerTarget {
  protocol: Protocol;
  port: number;
  /** Ours only: the workspace every benchmark document lives in, and a member's token for it. */
  workspaceId?: string;
  token?: string;
}

export interface LaunchOptions {
  /**
   * Peers only (ours always stores before it forwards): the reference keeps documents in
   * LevelDB (its YPERSISTENCE), Hocuspocus in its SQLite extension.
   */
  persist: boolean;
  /** taskset CPU list for the server process, or undefined. */
  cpus: string | undefined;
  /** Ours: run the server from this folder (a snapshot of a commit) instead of the working tree. */
  oursRoot?: string | undefined;
  /** The candidate: the folder its server runs from. */
  candidateRoot?: string | undefined;
  /** Ours and the candidate: write a V8 CPU profile (node --cpu-prof) into this folder when the process exits. */
  profileDir?: string | undefined;
}

export interface BenchServer {
  kind: ServerKind;
  pid: number;
  target: ServerTarget;
  /** The last lines the server printed (standard output, then standard error), for failure reports. */
  logTail(): string[];
  /** Stops the process (SIGTERM, so it finishes its writes) and starts it again on the same data. */
  restart(): Promise<BenchServer>;
  /** Stops the process and removes its data. */
  dispose(): Promise<void>;
}

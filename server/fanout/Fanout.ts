/**
 * Fan-out: what one server process tells the others that serve the same
 * documents, so that people connected to different processes co-edit as if on
 * one server. Optional: without REDIS_URL there is one process and no fan-out.
 *
 * The storage is the source of truth; fan-out only makes it fast. Every
 * document update is published after its commit, with its place in the
 * document's log (seq, prevSeq), so a receiver can tell when one never arrived
 * and read it back from storage (server/sync/UpdateChain.ts). Delivery is
 * at-most-once and may drop anything; nothing may depend on a message
 * arriving, except that presence is slower to appear without it.
 *
 * redis.ts is the implementation (Redis pub/sub).
 */
import type { RoomName } from '../../shared/rooms.ts';

/** What processes tell each other. Room messages go only to processes that have the room open. */
export type FanoutMessage =
  /** A client's update, committed to storage as `seq`; the document's entry before it is `prevSeq`. */
  | { kind: 'update'; room: RoomName; update: Uint8Array; seq: number; prevSeq: number }
  /** The document's log has reached at least `seq` (sent after a quiet moment and after a reconnect). */
  | { kind: 'head'; room: RoomName; seq: number }
  /** A y-protocols awareness update of the sender's clients, `member` already stamped by the sender. */
  | { kind: 'awareness'; room: RoomName; update: Uint8Array }
  /** A process opened the room: everyone with clients in it, please publish their presence. */
  | { kind: 'awarenessQuery'; room: RoomName }
  /** A member was removed: close its connections everywhere. */
  | { kind: 'memberRemoved'; memberId: string };

export type FanoutMessageKind = FanoutMessage['kind'];

export interface FanoutListener {
  /** A message from another process (never one of our own). */
  message(message: FanoutMessage): void;
  /**
   * The link to the other processes is up again after a break: messages may
   * have been lost in either direction, so catch up from storage and re-announce.
   */
  reconnected(): void;
}

export interface Fanout {
  /** This process's id on the fan-out, in every message it sends (so it ignores its own). */
  readonly processId: string;
  /** Connects; rejects when the fan-out cannot be reached at start-up. */
  start(listener: FanoutListener): Promise<void>;
  /**
   * Starts receiving a room's messages. Resolves once subscribed, or at once
   * while disconnected (the room then catches up on reconnect); never rejects.
   */
  join(room: RoomName): Promise<void>;
  /** Stops receiving a room's messages. */
  leave(room: RoomName): void;
  /** Sends a message to the other processes; fire and forget, never throws. */
  publish(message: FanoutMessage): void;
  close(): Promise<void>;
}

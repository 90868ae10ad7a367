/**
 * One client's collaboration connection: who it is (from authentication, never
 * from the client) and the smallest socket interface the room needs, so that
 * tests and other transports can drive the real logic.
 */
import type { Access, AwarenessMember, Role } from '../../shared/members.ts';
import { newId } from '../../shared/ids.ts';
import type { RoomName } from '../../shared/rooms.ts';

export interface CollabSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** True while messages can still be sent. */
  readonly isOpen: boolean;
}

export interface ConnectionIdentity {
  memberId: string;
  name: string;
  role: Role;
  access: Access;
}

export class Connection {
  /** For logs: never the token, never content. */
  readonly id: string;
  /** Awareness client ids this connection has announced; only it may change or remove them. */
  readonly awarenessClientIds = new Set<number>();
  readonly member: AwarenessMember;
  private closed = false;

  constructor(
    readonly socket: CollabSocket,
    readonly room: RoomName,
    readonly identity: ConnectionIdentity,
  ) {
    this.id = newId().slice(0, 10);
    this.member = { id: identity.memberId, name: identity.name, role: identity.role, access: identity.access };
  }

  get canEdit(): boolean {
    return this.identity.access === 'edit';
  }

  get isClosed(): boolean {
    return this.closed || !this.socket.isOpen;
  }

  send(data: Uint8Array): void {
    if (!this.isClosed) this.socket.send(data);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  /** Called when the socket closed from the other side. */
  markClosed(): void {
    this.closed = true;
  }
}

/**
 * Which part of a document's log a room holds, for noticing a fan-out message
 * that never arrived.
 *
 * Sequence numbers are global, so they are not consecutive within a document
 * (in SQLite and in PostgreSQL alike); a gap cannot be seen from seqs alone.
 * Every appended update therefore comes with prevSeq, the seq of the entry
 * before it in the same document (storage computes it under the document's
 * write serialisation, Storage.ts). The room holds everything up to `head`;
 * an entry whose prevSeq is `head` extends it, one whose prevSeq is beyond it
 * waits in `ahead` until the entries between arrive, or the room reads them
 * back from storage (Room.catchUp). A `head` announcement from another process
 * ("the log has reached seq S") reveals a gap even when no later update comes.
 *
 * Entries from this process (its own commits) and from others go through the
 * same chain, so an update of another process that was lost between two of
 * ours shows up when our next commit does not link to our head.
 */
export class UpdateChain {
  #head: number;
  /** prevSeq → seq of entries held beyond a missing one. */
  readonly #ahead = new Map<number, number>();
  /** The highest seq another process announced. */
  #announced = 0;

  constructor(head: number) {
    this.#head = head;
  }

  /** Every entry up to this seq is held. */
  get head(): number {
    return this.#head;
  }

  /** True when the log is known to hold an entry up to which the room does not hold everything. */
  get hasGap(): boolean {
    return this.#ahead.size > 0 || this.#announced > this.#head;
  }

  /** True when the room already holds this entry. */
  holds(seq: number): boolean {
    return seq <= this.#head;
  }

  /** Records an entry the room now holds (applied from a client, a remote process, or storage). */
  add(prevSeq: number, seq: number): void {
    if (seq <= this.#head) return;
    if (prevSeq > this.#head) {
      this.#ahead.set(prevSeq, seq);
      return;
    }
    // prevSeq < head cannot happen for a correct log; treated as linking, so a bad link never blocks.
    this.#head = seq;
    this.#follow();
  }

  /** Another process says the log has reached `seq`. */
  announce(seq: number): void {
    this.#announced = Math.max(this.#announced, seq);
  }

  /** The highest seq another process announced (0 when none). */
  get announced(): number {
    return this.#announced;
  }

  /**
   * The log was read back from storage up to `seq` (its last entry then) and
   * applied. An announcement that was known before the read started is
   * covered by it: announcements come after the commit they announce. One
   * that is still ahead would be a seq the log does not have; it is dropped,
   * so a bad announcement cannot make the room read the log again and again.
   */
  caughtUpTo(seq: number, announcedBeforeRead: number): void {
    if (seq > this.#head) this.#head = seq;
    for (const [prevSeq, aheadSeq] of this.#ahead) {
      if (aheadSeq <= this.#head) this.#ahead.delete(prevSeq);
    }
    this.#follow();
    if (this.#announced <= announcedBeforeRead) this.#announced = Math.min(this.#announced, this.#head);
  }

  #follow(): void {
    for (let next = this.#ahead.get(this.#head); next !== undefined; next = this.#ahead.get(this.#head)) {
      this.#ahead.delete(this.#head);
      this.#head = next;
    }
  }
}

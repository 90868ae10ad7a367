/** server/sync/UpdateChain.ts: noticing a missing log entry when seqs are global, not consecutive. */
import { describe, expect, it } from 'vitest';
import { UpdateChain } from '../../server/sync/UpdateChain.ts';

describe('UpdateChain', () => {
  it('extends its head with entries that link to it, whatever the distance between seqs', () => {
    const chain = new UpdateChain(10);
    chain.add(10, 14);
    chain.add(14, 37);
    expect(chain.head).toBe(37);
    expect(chain.hasGap).toBe(false);
  });

  it('holds an entry that arrives before the one it follows, and closes the gap when that one comes', () => {
    const chain = new UpdateChain(10);
    chain.add(14, 20); // 14 is missing
    expect(chain.head).toBe(10);
    expect(chain.hasGap).toBe(true);
    expect(chain.holds(20)).toBe(false);
    chain.add(10, 14);
    expect(chain.head).toBe(20);
    expect(chain.hasGap).toBe(false);
  });

  it('ignores entries it already holds', () => {
    const chain = new UpdateChain(10);
    chain.add(5, 8);
    expect(chain.head).toBe(10);
    expect(chain.holds(8)).toBe(true);
    expect(chain.hasGap).toBe(false);
  });

  it('an announced head beyond its own is a gap, even when no later entry arrives', () => {
    const chain = new UpdateChain(10);
    chain.announce(9);
    expect(chain.hasGap).toBe(false);
    chain.announce(30);
    expect(chain.hasGap).toBe(true);
    chain.add(10, 30);
    expect(chain.hasGap).toBe(false);
  });

  it('after catching up from storage, held entries it covers are dropped and later ones linked', () => {
    const chain = new UpdateChain(10);
    chain.add(14, 20);
    chain.add(25, 31); // 25 missing too
    chain.caughtUpTo(25, 0); // storage had 14, 20 and 25
    expect(chain.head).toBe(31);
    expect(chain.hasGap).toBe(false);
  });

  it('drops an announcement the log turned out not to have, so it cannot make the room read again and again', () => {
    const chain = new UpdateChain(10);
    chain.announce(99);
    chain.caughtUpTo(40, chain.announced);
    expect(chain.head).toBe(40);
    expect(chain.hasGap).toBe(false);
  });

  it('keeps an announcement that arrived while storage was being read', () => {
    const chain = new UpdateChain(10);
    const before = chain.announced;
    chain.announce(60); // arrives during the read
    chain.caughtUpTo(40, before);
    expect(chain.hasGap).toBe(true);
  });
});

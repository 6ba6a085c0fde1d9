import { ExpiringMap } from '../../src/state/expiringMap';
import { ExpiringMemoryStorage } from '../../src/state/memoryStorage';
import { MemorySeenActivities } from '../../src/state/idempotency';

describe('in-memory state that forgets', () => {
  let now = 0;
  const clock = () => now;

  it('forgets entries idle longer than the TTL; using one keeps it', () => {
    now = 0;
    const map = new ExpiringMap<string, number>({ maxEntries: 10, idleMs: 1000 }, clock);
    map.set('used', 1);
    map.set('idle', 2);
    now = 800;
    expect(map.get('used')).toBe(1);
    now = 1500;
    expect(map.get('idle')).toBeUndefined();
    expect(map.get('used')).toBe(1);
    now = 5000;
    map.sweep();
    expect(map.size).toBe(0);
  });

  it('beyond the cap, the longest idle goes first', () => {
    now = 0;
    const map = new ExpiringMap<string, number>({ maxEntries: 3, idleMs: 60_000 }, clock);
    for (const [i, key] of ['a', 'b', 'c'].entries()) {
      now = i;
      map.set(key, i);
    }
    now = 10;
    map.get('a');
    map.set('d', 3);
    expect(['a', 'b', 'c', 'd'].map((k) => map.get(k))).toEqual([0, undefined, 2, 3]);
  });

  it('storage keeps botbuilder eTag semantics', async () => {
    const storage = new ExpiringMemoryStorage({ maxEntries: 10, idleMs: 60_000 });
    await storage.write({ k: { n: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { ...k, n: 2 } });
    await expect(storage.write({ k: { ...k, n: 3 } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k.n).toBe(4);
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });

  it('storage reads back what was written, whatever its characters', async () => {
    const storage = new ExpiringMemoryStorage({ maxEntries: 10, idleMs: 60_000 });
    const item = { name: '张三', latin: 'café', emoji: '🙂', lone: '\ud800', escapes: 'a"\\\n\u0001', nested: [{ n: 1.5 }] };
    await storage.write({ k: item });
    const { k } = await storage.read(['k']);
    expect(k).toEqual({ ...item, eTag: expect.any(String) });
  });

  it('activity ids whose turn ran are remembered a day, and only the last ones beyond the cap', async () => {
    now = 0;
    const seen = new MemorySeenActivities(clock, 3);
    expect(await seen.ran('c', 'a1')).toBe(false);
    await seen.remember('c', 'a1');
    expect(await seen.ran('c', 'a1')).toBe(true);
    expect(await seen.ran('other', 'a1')).toBe(false);
    for (const id of ['a2', 'a3', 'a4']) await seen.remember('c', id);
    // a1 was the oldest of four: forgotten, so a retry of it would run again; the last three are kept.
    expect(await seen.ran('c', 'a1')).toBe(false);
    expect(await seen.ran('c', 'a4')).toBe(true);
    now = 25 * 3600_000;
    expect(await seen.ran('c', 'a4')).toBe(false);
  });
});

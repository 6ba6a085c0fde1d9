import { ExpiringMap } from '../../src/state/expiringMap';
import { ExpiringMemoryStorage } from '../../src/state/memoryStorage';

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
});

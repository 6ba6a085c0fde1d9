import type { CaseRecord } from '../../src/cases/caseService';
import { OwnerCases, type SharedStrings } from '../../src/cases/ownerCases';
import { MemoryKeyValue } from '../../src/channels/wechat/keyValue';

describe("each merchant's cases kept between messages", () => {
  let now = 0;
  const clock = () => now;
  const list = (reference: string) => [{ reference, events: [{ type: 'submitted' }] }] as unknown as CaseRecord[];

  it('reads the database once while nothing changes, and again after a minute whatever the version says', async () => {
    now = 0;
    const cache = new OwnerCases(new MemoryKeyValue(), () => undefined, 100, clock);
    const load = jest.fn(async () => list('PC-1'));
    await cache.get('u', load);
    now = 59_000;
    expect(await cache.get('u', load)).toEqual(list('PC-1'));
    expect(load).toHaveBeenCalledTimes(1);
    now = 121_000;
    await cache.get('u', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('hands out a frozen list, so no caller can change what the others read', async () => {
    const cache = new OwnerCases(new MemoryKeyValue(), () => undefined);
    const cases = await cache.get('u', async () => list('PC-1'));
    expect(() => (cases as CaseRecord[]).push(list('PC-2')[0])).toThrow(TypeError);
    expect(() => (cases[0].events as unknown[]).pop()).toThrow(TypeError);
  });

  it('when the versions cannot be renewed, says so and still forgets its own list', async () => {
    const versions = new MemoryKeyValue();
    const broken: SharedStrings = { get: (key) => versions.get(key), set: () => Promise.reject(new Error('redis down')) };
    const errors: unknown[] = [];
    const cache = new OwnerCases(broken, (err) => errors.push(err));
    await cache.get('u', async () => list('PC-1'));
    await cache.changed(['u']);
    expect(errors).toEqual([expect.objectContaining({ message: 'redis down' })]);
    expect(await cache.get('u', async () => list('PC-2'))).toEqual(list('PC-2'));
  });

  it('asks the version when a turn starts reading; the list, when the turn asks, under that version', async () => {
    const versions = new MemoryKeyValue();
    const asked: string[] = [];
    const counted: SharedStrings = { get: (key) => (asked.push(key), versions.get(key)), set: (key, value, ttl) => versions.set(key, value, ttl) };
    const cache = new OwnerCases(counted, () => undefined);
    const later = cache.reading('u', async () => list('PC-1'));
    expect(asked).toHaveLength(1);
    expect(await later()).toEqual(list('PC-1'));
    expect(await later()).toEqual(list('PC-1'));
    expect(asked).toHaveLength(1);
  });

  it('a version that cannot be read fails the turn only where it asks for the list', async () => {
    const cache = new OwnerCases({ get: () => Promise.reject(new Error('redis down')), set: async () => undefined }, () => undefined);
    const later = cache.reading('u', async () => list('PC-1'));
    await new Promise((r) => setImmediate(r));
    await expect(later()).rejects.toThrow('redis down');
  });
});

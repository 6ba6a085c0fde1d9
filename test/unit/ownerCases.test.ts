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
});

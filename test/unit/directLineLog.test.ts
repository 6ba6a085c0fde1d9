import { MemoryDirectLineStore } from '../../src/channels/directline/memoryStore';

describe('the in-memory Direct Line log', () => {
  it('keeps its last activities: ids and watermarks go on, and a watermark older than what is kept gets the oldest kept', async () => {
    const store = new MemoryDirectLineStore({ maxEntries: 10, idleMs: 60_000 }, 3);
    await store.createConversation({ id: 'c', userId: 'u', createdAt: new Date().toISOString() });
    const ids: (string | undefined)[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await store.append('c', { type: 'message', text: `m${i}` })).id);
    expect(ids.at(-1)).toBe('c|0000005');
    const texts = async (watermark?: number) => {
      const page = await store.list('c', watermark, 10);
      return [page.activities.map((a) => a.text), page.watermark];
    };
    expect(await texts()).toEqual([['m3', 'm4', 'm5'], 5]);
    expect(await texts(1)).toEqual([['m3', 'm4', 'm5'], 5]);
    expect(await texts(3)).toEqual([['m4', 'm5'], 5]);
    expect(await texts(5)).toEqual([[], 5]);
    expect((await store.list('c', undefined, 10)).activities.map((a) => a.id)).toEqual(['c|0000003', 'c|0000004', 'c|0000005']);
    await store.close();
  });

  it('drops what is sent to a conversation it no longer has (a restart, or idle too long), creating nothing', async () => {
    const store = new MemoryDirectLineStore({ maxEntries: 10, idleMs: 60_000 }, 3);
    const woken: string[] = [];
    store.subscribe('gone', () => woken.push('gone'));
    await expect(store.append('gone', { type: 'message', text: 'your case was approved' })).resolves.toMatchObject({ text: 'your case was approved' });
    expect(await store.getConversation('gone')).toBeUndefined();
    expect(await store.list('gone', undefined, 10)).toEqual({ activities: [], watermark: 0 });
    expect(woken).toEqual([]);
    await store.close();
  });
});

import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { JsonConversationState, JsonUserState } from '../../src/state/botStates';

/** A MemoryStorage that counts reads and writes. */
class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  reads = 0;

  override async read(keys: string[]): Promise<StoreItems> {
    this.reads++;
    return super.read(keys);
  }

  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)));
    await super.write(changes);
  }
}

const turn = () =>
  new TurnContext(new TestAdapter(), {
    type: 'message',
    text: 'hi',
    channelId: 'test',
    conversation: { id: 'c1' } as TurnContext['activity']['conversation'],
    from: { id: 'u1', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
  });

describe('bot state compared as JSON', () => {
  it('writes a state only when a turn changed it, and reads back what it wrote', async () => {
    const storage = new CountingStorage();
    const state = new JsonConversationState(storage);
    const count = state.createProperty<{ n: number }>('count');

    let context = turn();
    await state.load(context);
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0);

    await count.set(context, { n: 1 });
    await state.saveChanges(context);
    // Saved once: saving again in the same turn writes nothing.
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(1);

    context = turn();
    expect(await count.get(context)).toEqual({ n: 1 });
    // Read, not changed (the eTag the storage gave it is no change).
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(1);

    // A change inside a nested object counts.
    (await count.get(context))!.n = 2;
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(2);
    expect(await count.get(turn())).toEqual({ n: 2 });
  });

  it('reads once a turn: a load while the first is under way shares it; a forced load reads again', async () => {
    const storage = new CountingStorage();
    const state = new JsonConversationState(storage);
    const context = turn();
    const [first, second] = await Promise.all([state.load(context), state.load(context)]);
    expect(second).toBe(first);
    await state.load(context);
    expect(storage.reads).toBe(1);
    await state.load(context, true);
    expect(storage.reads).toBe(2);
  });

  it('writes when forced or cleared, and keeps users and conversations apart', async () => {
    const storage = new CountingStorage();
    const conversation = new JsonConversationState(storage);
    const user = new JsonUserState(storage);
    const context = turn();
    await Promise.all([conversation.load(context), user.load(context)]);
    await conversation.saveChanges(context, true);
    expect(storage.writes).toHaveLength(1);

    await user.createProperty<string>('language').set(context, 'en');
    await conversation.clear(context);
    await Promise.all([conversation.saveChanges(context), user.saveChanges(context)]);
    expect(storage.writes.slice(1).map((w) => Object.keys(w)[0]).sort()).toEqual(['test/conversations/c1/', 'test/users/u1/']);
    expect(await user.createProperty<string>('language').get(turn())).toBe('en');
  });
});

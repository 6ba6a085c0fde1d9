import { ConversationState, UserState, type BotState, type TurnContext } from 'botbuilder';
import { stateJson, takeReadJson, writingAs } from './stateJson';

/** What BotState keeps for the turn (under its own key): the state and what it was when loaded or saved. */
interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

// A mixin's base class must take any arguments (TypeScript's rule).
type StateClass = new (...args: any[]) => BotState;

/** BotState's key of its turn cache (private in its typings). */
const cacheKey = (state: BotState) => (state as unknown as { stateKey: symbol }).stateKey;

/**
 * botbuilder's BotState tells a changed state by hashing it when loaded, before saving and again after
 * (its own JSON.stringify with a replacer, then SHA-256): a tenth of a dialog turn's CPU. These compare
 * the state's plain JSON as loaded with its JSON before saving instead: the same decision (bot state is
 * plain JSON: the storage writes it with JSON.stringify), one native stringify each way, none after the
 * write. The turn's cache keeps BotState's shape, so `get`, `clear` and `delete` work as before.
 */
function comparedAsJson<T extends StateClass>(Base: T): T {
  return class extends Base {
    /** The turn's read under way, if any (under this key in the turn's state). */
    private readonly reading = Symbol('reading');

    override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
      // A read under way in this turn (started with the turn's other reads, see TurnPipeline) is waited
      // for, not repeated; the latest, if a turn read again (what it read before is stale).
      const pending = context.turnState.get(this.reading) as Promise<Record<string, unknown>> | undefined;
      if (!force && pending) return pending;
      const cached = context.turnState.get(cacheKey(this)) as Cached | undefined;
      if (!force && cached?.state) return cached.state;
      const read = this.read(context);
      context.turnState.set(this.reading, read);
      try {
        return await read;
      } finally {
        if (context.turnState.get(this.reading) === read) context.turnState.delete(this.reading);
      }
    }

    private async read(context: TurnContext): Promise<Record<string, unknown>> {
      const key = await this.storageKey(context);
      const items = await this.storage.read([key]);
      const state = (items[key] as Record<string, unknown> | undefined) ?? {};
      context.turnState.set(cacheKey(this), { state, hash: takeReadJson(state) ?? stateJson(state) } satisfies Cached);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      let cached = context.turnState.get(cacheKey(this)) as Cached | undefined;
      const json = cached && stateJson(cached.state);
      if (!force && (!cached || cached.hash === json)) return;
      const key = await this.storageKey(context);
      cached ??= { state: {}, hash: '' };
      cached.state.eTag = '*';
      const hash = json ?? stateJson(cached.state);
      const { state } = cached;
      await writingAs(state, hash, () => this.storage.write({ [key]: state }));
      cached.hash = hash;
      context.turnState.set(cacheKey(this), cached);
    }
  };
}

export const JsonConversationState = comparedAsJson(ConversationState);
export const JsonUserState = comparedAsJson(UserState);

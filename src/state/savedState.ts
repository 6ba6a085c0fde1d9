import type { ConversationState, Storage, StoreItems, TurnContext, UserState } from 'botbuilder';

/** The ids bot state is kept under: a conversation on a channel, and its user. */
export interface StateAddress {
  channelId: string;
  conversationId: string;
  userId?: string;
}

/**
 * The bot state of a conversation and of its user, read or deleted by their ids outside any turn (a
 * data subject's export and erasure). The keys are the ones botbuilder's own states use.
 */
export class SavedState {
  constructor(
    private readonly storage: Storage,
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
  ) {}

  private keys({ channelId, conversationId, userId }: StateAddress): { conversation: string; user?: string } {
    const context = { activity: { channelId, conversation: { id: conversationId }, from: { id: userId } } } as unknown as TurnContext;
    return { conversation: this.conversationState.getStorageKey(context)!, ...(userId ? { user: this.userState.getStorageKey(context) } : {}) };
  }

  /** What is kept of the conversation and of its user, without storage bookkeeping. */
  async of(address: StateAddress): Promise<{ conversation?: StoreItems; user?: StoreItems }> {
    const keys = this.keys(address);
    const read = await this.storage.read(present(keys));
    const document = (key?: string): StoreItems | undefined => {
      if (!key || !read[key]) return undefined;
      const { eTag: _eTag, ...rest } = read[key] as StoreItems;
      return rest;
    };
    return { conversation: document(keys.conversation), user: document(keys.user) };
  }

  async forget(address: StateAddress): Promise<void> {
    await this.storage.delete(present(this.keys(address)));
  }
}

const present = (keys: { conversation: string; user?: string }): string[] => [keys.conversation, ...(keys.user ? [keys.user] : [])];

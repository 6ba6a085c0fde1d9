import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { EMBEDDED_SERVICE_URL } from './directline/adapter';

type Continuing = Pick<CloudAdapter, 'continueConversationAsync'>;

export interface ChannelAdapters {
  embedded: Continuing;
  /** The adapter of a WeChat account's channel id, if it is one. */
  wechat(channelId: string | undefined): Continuing | undefined;
  /** Azure Bot Service (and the Emulator), under the bot's app id. */
  botFramework: Continuing;
  appId: string;
}

/**
 * Continues a conversation through the adapter of the channel it came from (and so through the turn
 * pipeline that adapter runs): the embedded Direct Line, a WeChat account, else Azure Bot Service.
 */
export function throughChannel(adapters: ChannelAdapters) {
  return async (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> => {
    if (!reference.conversation?.id) throw new Error('the conversation reference has no conversation id');
    const wechat = adapters.wechat(reference.channelId);
    if (reference.serviceUrl === EMBEDDED_SERVICE_URL) await adapters.embedded.continueConversationAsync('', reference, logic);
    else if (wechat) await wechat.continueConversationAsync('', reference, logic);
    else await adapters.botFramework.continueConversationAsync(adapters.appId, reference, logic);
  };
}

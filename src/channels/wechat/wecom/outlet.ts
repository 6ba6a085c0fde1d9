import type { Logger } from '../../../log/logger';
import type { Address, Outlet } from '../adapter';
import { WeChatApiError } from '../apiClient';
import { inServiceWindow, type Contacts } from '../contacts';
import type { WeComMessage } from '../render';
import type { WeComApi } from './api';

/**
 * Sends with send_msg. WeCom accepts it for 48 hours after the customer's last message and only
 * while the chat is new or with the bot; what it refuses is kept for the customer's next message
 * (WeCom has no template message to announce it).
 */
export class WeComOutlet implements Outlet<WeComMessage> {
  constructor(private readonly api: WeComApi, private readonly contacts: Contacts<WeComMessage>, private readonly logger: Logger) {}

  async send(address: Address, messages: WeComMessage[]): Promise<void> {
    if (!inServiceWindow(await this.contacts.get(address.userId))) return this.hold(address, messages);
    for (const [i, message] of messages.entries()) {
      try {
        await this.api.send(address.accountId, address.userId, message);
      } catch (err) {
        if (!(err instanceof WeChatApiError)) throw err;
        this.logger.warn({ conversationId: address.conversationId, errcode: err.code }, 'WeCom refused a message: kept for the customer’s next message');
        return this.hold(address, messages.slice(i));
      }
    }
  }

  private async hold(address: Address, messages: WeComMessage[]): Promise<void> {
    await this.contacts.hold(address.userId, messages);
  }
}

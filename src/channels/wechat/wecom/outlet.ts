import type { Logger } from '../../../log/logger';
import type { Address, Outlet } from '../adapter';
import { WeChatApiError } from '../apiClient';
import { inServiceWindow, type Contacts } from '../contacts';
import type { WeComApi } from './api';

/**
 * Sends with send_msg. WeCom accepts it for 48 hours after the customer's last message and only
 * while the chat is new or with the bot; what it refuses is kept for the customer's next message
 * (WeCom has no template message to announce it).
 */
export class WeComOutlet implements Outlet {
  constructor(private readonly api: WeComApi, private readonly contacts: Contacts, private readonly logger: Logger) {}

  async send(address: Address, texts: string[]): Promise<void> {
    if (!inServiceWindow(await this.contacts.get(address.userId))) return this.hold(address, texts);
    for (const [i, text] of texts.entries()) {
      try {
        await this.api.sendText(address.accountId, address.userId, text);
      } catch (err) {
        if (!(err instanceof WeChatApiError)) throw err;
        this.logger.warn({ conversationId: address.conversationId, errcode: err.code }, 'WeCom refused a message: kept for the customer’s next message');
        return this.hold(address, texts.slice(i));
      }
    }
  }

  private async hold(address: Address, texts: string[]): Promise<void> {
    await this.contacts.hold(address.userId, texts);
  }
}

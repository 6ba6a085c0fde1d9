import type { Logger } from '../../../log/logger';
import type { Address, Outlet } from '../adapter';
import { WeChatApiError } from '../apiClient';
import { inServiceWindow, type Contacts } from '../contacts';
import type { WeComMessage } from '../render';
import type { WeComApi } from './api';

/** How long an event's code lets the bot send (WeCom: 20 seconds), less a margin. */
const EVENT_CODE_MS = 15_000;

/** An event's code (entering the chat, the end of a session with WeCom's staff), to be used while it is valid. */
export function eventCode(code: string): { code: string; until: number } {
  return { code, until: Date.now() + EVENT_CODE_MS };
}

/**
 * Sends with send_msg. WeCom accepts it for 48 hours after the customer's last message and only
 * while the chat is new or with the bot; what it refuses is kept for the customer's next message
 * (WeCom has no template message to announce it). An event's code (entering the chat, the end of a
 * session with WeCom's staff) allows one message besides: the first goes with it.
 */
export class WeComOutlet implements Outlet<WeComMessage> {
  constructor(private readonly api: WeComApi, private readonly contacts: Contacts<WeComMessage>, private readonly logger: Logger) {}

  async send(address: Address, messages: WeComMessage[]): Promise<void> {
    const contact = await this.contacts.get(address.userId);
    let rest = messages;
    if (contact.eventCode && contact.eventCode.until > Date.now() && rest.length) {
      await this.contacts.update(address.userId, { eventCode: undefined });
      await this.api.sendOnEvent(contact.eventCode.code, rest[0]);
      rest = rest.slice(1);
    }
    if (!rest.length) return;
    if (!inServiceWindow(contact)) return this.hold(address, rest);
    for (const [i, message] of rest.entries()) {
      try {
        await this.api.send(address.accountId, address.userId, message);
      } catch (err) {
        if (!(err instanceof WeChatApiError)) throw err;
        this.logger.warn({ conversationId: address.conversationId, errcode: err.code }, 'WeCom refused a message: kept for the customer’s next message');
        return this.hold(address, rest.slice(i));
      }
    }
  }

  private async hold(address: Address, messages: WeComMessage[]): Promise<void> {
    await this.contacts.hold(address.userId, messages);
  }
}

import type { Language } from '../../i18n/language';
import type { KeyValue } from './keyValue';

/** What a WeChat channel remembers about one user between messages. */
export interface Contact<M> {
  /** What each number picks in the bot's last numbered list. */
  choices?: string[];
  /** The language of the user's last message that showed one (a bare number or phone number does not). */
  language?: Language;
  /** When the user last wrote: WeChat lets the bot send on its own only for 48 hours after that. */
  lastMessageAt?: number;
  /** Messages held back outside that window (a template message told the user to write in). */
  pending?: M[];
  /** WeCom only: the merchant's own WeCom reception staff have the chat (the bot keeps quiet). */
  withWeComStaff?: boolean;
  /** WeCom only: an event's code that lets the bot send one message (send_msg_on_event) until `until`. */
  eventCode?: { code: string; until: number };
}

/** WeChat lets an account message a user through its APIs only this long after the user's last message. */
const SERVICE_WINDOW_MS = 48 * 3600_000;

export function inServiceWindow(contact: Contact<unknown>, now = Date.now()): boolean {
  return contact.lastMessageAt !== undefined && now - contact.lastMessageAt <= SERVICE_WINDOW_MS;
}

/** Per-user channel memory in the shared key-value store, kept a week after the last change. */
export class Contacts<M> {
  constructor(private readonly store: KeyValue, private readonly channelId: string, private readonly ttlMs = 7 * 24 * 3600_000) {}

  async get(userId: string): Promise<Contact<M>> {
    const raw = await this.store.get(this.key(userId));
    return raw ? (JSON.parse(raw) as Contact<M>) : {};
  }

  async update(userId: string, change: Partial<Contact<M>>): Promise<Contact<M>> {
    const contact = { ...(await this.get(userId)), ...change };
    await this.store.set(this.key(userId), JSON.stringify(contact), this.ttlMs);
    return contact;
  }

  /** Keeps messages for the user's next message; true when nothing was kept before (time to tell the user). */
  async hold(userId: string, messages: M[]): Promise<boolean> {
    const { pending = [] } = await this.get(userId);
    await this.update(userId, { pending: [...pending, ...messages] });
    return pending.length === 0;
  }

  private key(userId: string): string {
    return `${this.channelId}:contact:${userId}`;
  }
}

import type { Activity } from 'botbuilder';
import { languageOfText } from '../../i18n/language';
import type { Contacts } from './contacts';
import type { KeyValue } from './keyValue';
import { pickChoice } from './render';

const REMEMBER_MS = 24 * 3600_000;

/** Chinese characters, or a Latin word of its own: a serial number (LKL12345678) or a phone number tells no language. */
function saysLanguage(text: string | undefined): boolean {
  return Boolean(text && /\p{Script=Han}|(?:^|[^\p{L}\p{N}])\p{Script=Latin}{2,}(?:[^\p{L}\p{N}]|$)/u.test(text));
}

/**
 * What happens to a user's message before the bot reads it, the same for both WeChat entrances:
 * WeChat's retries are recognised, a bare number picks from the last numbered list, the language
 * follows the user's messages, and the 48-hour service window restarts.
 */
export class Arrivals<M> {
  constructor(private readonly store: KeyValue, private readonly contacts: Contacts<M>) {}

  /** True the first time this message or event arrives (WeChat retries an unanswered callback three times). */
  firstTime(activity: Partial<Activity>): Promise<boolean> {
    return this.store.claim(this.seenKey(activity), '1', REMEMBER_MS);
  }

  /** Forgets a message whose turn failed, so WeChat's retry runs it. */
  async forget(activity: Partial<Activity>): Promise<void> {
    await this.store.release(this.seenKey(activity), '1');
  }

  /**
   * Prepares a user's message for the bot (in place) and returns the messages held back for this user
   * outside the service window, which are delivered instead of a turn.
   */
  async admit(activity: Partial<Activity>): Promise<M[]> {
    if (activity.type !== 'message' || !activity.from) return [];
    const contact = await this.contacts.get(activity.from.id);
    const picked = contact.choices && pickChoice(activity.text ?? '', contact.choices);
    if (picked) activity.text = picked;
    const language = (saysLanguage(activity.text) ? languageOfText(activity.text) : undefined) ?? contact.language;
    if (language) activity.locale = language;
    await this.contacts.update(activity.from.id, { lastMessageAt: Date.now(), language, pending: undefined });
    return contact.pending ?? [];
  }

  private seenKey(activity: Partial<Activity>): string {
    return `${activity.channelId}:seen:${activity.conversation?.id}:${activity.id}`;
  }
}

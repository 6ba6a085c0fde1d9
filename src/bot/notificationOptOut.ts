import { MessageFactory, type TurnContext } from 'botbuilder';
import type { TurnLanguage } from '../../dialogs/shared/turnLanguage';
import type { CaseService } from '../cases/caseService';
import { isFinal } from '../cases/lifecycle';
import type { Localizer } from '../i18n/localizer';
import { CHANNELS } from '../notifications/kinds';
import { hasOptedOut, OPT_IN_EVENT, OPT_OUT_EVENT, optInRequest, optOutRequest } from '../notifications/optOut';

/**
 * "不要再发短信" / "stop SMS" at any point of the conversation: records the opt-out on the merchant's
 * open cases (an event in each case's log) and confirms it; "恢复短信通知", "turn them back on" after
 * one, the opt-in the same way.
 */
export class NotificationOptOut {
  constructor(private readonly localizer: Localizer, private readonly language: TurnLanguage, private readonly cases: CaseService) {}

  /**
   * True when the message was an opt-out request and has been answered; not while `answering` (the
   * question waiting asks for the mobile or email, which "不用邮箱" answers).
   */
  async handle(context: TurnContext, answering: () => Promise<boolean>): Promise<boolean> {
    const text = context.activity.type === 'message' ? context.activity.text : undefined;
    const channel = optOutRequest(text, this.localizer);
    if (!channel) return this.optIn(context, text, answering);
    if (await answering()) return false;
    const lang = await this.language.of(context);
    const userId = context.activity.from.id;
    const open = (await this.cases.forUser(userId)).filter((record) => !isFinal(record.status));
    if (!open.length) {
      await context.sendActivity(MessageFactory.text(this.localizer.t(lang, 'notify:optOut.noCase')));
      return true;
    }
    for (const record of open.filter((r) => !hasOptedOut(r, channel))) {
      await this.cases.addEvent(record.reference, `user:${userId}`, OPT_OUT_EVENT, { channel });
    }
    const reference = open.map((record) => record.reference).join(', ');
    await context.sendActivity(MessageFactory.text(this.localizer.t(lang, `notify:optOut.done.${channel}`, { reference })));
    return true;
  }

  /** Only where something was stopped: otherwise the words ("重新发", "again") are the dialogs'. */
  private async optIn(context: TurnContext, text: string | undefined, answering: () => Promise<boolean>): Promise<boolean> {
    // Words that restart a channel are few: the merchant's cases are read only for a message holding them.
    if (!optInRequest(text, this.localizer, CHANNELS).length) return false;
    const userId = context.activity.from.id;
    const open = (await this.cases.forUser(userId)).filter((record) => !isFinal(record.status));
    const stopped = CHANNELS.filter((channel) => open.some((record) => hasOptedOut(record, channel)));
    const channels = optInRequest(text, this.localizer, stopped).filter((channel) => stopped.includes(channel));
    if (!channels.length || (await answering())) return false;
    const lang = await this.language.of(context);
    for (const channel of channels) {
      const records = open.filter((record) => hasOptedOut(record, channel));
      for (const record of records) await this.cases.addEvent(record.reference, `user:${userId}`, OPT_IN_EVENT, { channel });
      const reference = records.map((record) => record.reference).join(', ');
      await context.sendActivity(MessageFactory.text(this.localizer.t(lang, `notify:optIn.done.${channel}`, { reference })));
    }
    return true;
  }
}

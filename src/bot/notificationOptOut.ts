import { MessageFactory, type TurnContext } from 'botbuilder';
import type { TurnLanguage } from '../../dialogs/shared/turnLanguage';
import type { CaseService } from '../cases/caseService';
import { isFinal } from '../cases/lifecycle';
import type { Localizer } from '../i18n/localizer';
import { hasOptedOut, OPT_OUT_EVENT, optOutRequest } from '../notifications/optOut';

/**
 * "不要再发短信" / "stop SMS" at any point of the conversation: records the opt-out on the merchant's
 * open cases (an event in each case's log) and confirms it.
 */
export class NotificationOptOut {
  constructor(private readonly localizer: Localizer, private readonly language: TurnLanguage, private readonly cases: CaseService) {}

  /**
   * True when the message was an opt-out request and has been answered; not while `answering` (the
   * question waiting asks for the mobile or email, which "不用邮箱" answers).
   */
  async handle(context: TurnContext, answering: () => Promise<boolean>): Promise<boolean> {
    const channel = context.activity.type === 'message' ? optOutRequest(context.activity.text, this.localizer) : undefined;
    if (!channel || (await answering())) return false;
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
}

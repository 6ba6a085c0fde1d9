import type { CaseRecord } from '../cases/caseService';
import type { Language } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { EmailSender } from './email';
import type { Channel, NotificationKind } from './kinds';
import { hasOptedOut } from './optOut';
import { notificationLanguage, renderNotification } from './render';
import type { SmsProvider } from './sms/provider';

export interface NotificationChannels {
  /** Absent when no SMTP server is configured. */
  email?: EmailSender;
  sms: SmsProvider;
  /** The provider's template code for a kind in a language; undefined: that kind is not sent by SMS. */
  smsTemplate(kind: NotificationKind, language: Language): string | undefined;
}

export type SendOutcome = { sent: true; id: string } | { sent: false; reason: 'opted_out' | 'no_contact' | 'not_configured' };

/** Sends one notification about a case on one channel, in the merchant's language, unless they opted out. */
export class NotificationSender {
  constructor(private readonly localizer: Localizer, private readonly channels: NotificationChannels) {}

  /** The channels the merchant of this case gets `kind` on now. */
  channelsFor(kind: NotificationKind, record: CaseRecord): Channel[] {
    return (['email', 'sms'] as const).filter((channel) => this.blocker(kind, channel, record) === undefined);
  }

  /** Throws when the server or provider did not take the message (the caller retries). */
  async send(kind: NotificationKind, channel: Channel, record: CaseRecord): Promise<SendOutcome> {
    // Checked again at sending time: the merchant may have opted out since the notification was queued.
    const blocker = this.blocker(kind, channel, record);
    if (blocker) return { sent: false, reason: blocker };
    const message = renderNotification(this.localizer, kind, record);
    if (channel === 'email') {
      const { id } = await this.channels.email!.send({ to: record.applicant.email!, subject: message.subject, text: message.body, language: message.language });
      return { sent: true, id };
    }
    const { id } = await this.channels.sms.send({
      mobile: record.applicant.mobile,
      templateCode: this.channels.smsTemplate(kind, message.language)!,
      params: message.smsParams,
      text: message.smsText,
    });
    return { sent: true, id };
  }

  private blocker(kind: NotificationKind, channel: Channel, record: CaseRecord): Exclude<SendOutcome, { sent: true }>['reason'] | undefined {
    if (hasOptedOut(record, channel)) return 'opted_out';
    if (channel === 'email') {
      if (!record.applicant.email) return 'no_contact';
      return this.channels.email ? undefined : 'not_configured';
    }
    if (!record.applicant.mobile) return 'no_contact';
    return this.channels.smsTemplate(kind, notificationLanguage(record)) ? undefined : 'not_configured';
  }
}

import { randomBytes } from 'node:crypto';
import type { Logger } from '../../log/logger';
import { maskMobile } from '../../pii/mask';
import type { SmsMessage, SmsProvider } from './provider';

/** The development default: prints the SMS (number masked) instead of sending it. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(private readonly logger: Logger, private readonly signName: string) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    // Letters and digits mixed, never a long digit run that a scan for card numbers would flag.
    const id = `log-${randomBytes(9).toString('base64url')}`;
    this.logger.info({ sms: { id, to: maskMobile(message.mobile), template: message.templateCode, text: `【${this.signName}】${message.text}` } }, 'SMS (not sent: SMS_PROVIDER=log)');
    return { id };
  }
}

import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log/logger';
import { maskMobile, type SmsMessage, type SmsProvider } from './provider';

/** The development default: prints the SMS (number masked) instead of sending it. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(private readonly logger: Logger, private readonly signName: string) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    const id = randomUUID();
    this.logger.info({ sms: { id, to: maskMobile(message.mobile), template: message.templateCode, text: `【${this.signName}】${message.text}` } }, 'SMS (not sent: SMS_PROVIDER=log)');
    return { id };
  }
}

import type { Config } from '../config';
import type { Localizer } from '../i18n/localizer';
import type { Logger } from '../log/logger';
import { SmtpEmailSender } from './email';
import { NotificationSender } from './sender';
import { AliyunSmsProvider } from './sms/aliyun';
import { LogSmsProvider } from './sms/log';
import type { SmsProvider } from './sms/provider';
import { TencentSmsProvider } from './sms/tencent';
import type { OutboxWorkerOptions } from './worker';

/** The email and SMS channels the configuration names; `close()` releases the SMTP transport. */
export function notificationSenderFrom(config: Config, localizer: Localizer, logger: Logger): { sender: NotificationSender; close(): void } {
  const email = config.SMTP_URL ? new SmtpEmailSender(config.SMTP_URL, config.MAIL_FROM!, config.NOTIFY_TIMEOUT_MS) : undefined;
  const sms = smsProviderFrom(config, logger);
  const zh = config.SMS_TEMPLATES ?? {};
  const en = config.SMS_TEMPLATES_EN ?? {};
  const sender = new NotificationSender(localizer, {
    email,
    sms,
    // An English merchant gets the Chinese template when no English one is registered; the log provider
    // prints the text itself, so it needs no template code.
    smsTemplate: (kind, language) => (language === 'en' ? en[kind] : undefined) ?? zh[kind] ?? (config.SMS_PROVIDER === 'log' ? kind : undefined),
  });
  if (!email) logger.info('notification emails are off (SMTP_URL is not set)');
  return { sender, close: () => email?.close() };
}

function smsProviderFrom(config: Config, logger: Logger): SmsProvider {
  const timeoutMs = config.NOTIFY_TIMEOUT_MS;
  switch (config.SMS_PROVIDER) {
    case 'aliyun':
      return new AliyunSmsProvider({
        accessKeyId: config.ALIYUN_ACCESS_KEY_ID!,
        accessKeySecret: config.ALIYUN_ACCESS_KEY_SECRET!,
        signName: config.SMS_SIGN_NAME!,
        endpoint: config.ALIYUN_SMS_ENDPOINT,
        timeoutMs,
      });
    case 'tencent':
      return new TencentSmsProvider({
        secretId: config.TENCENT_SECRET_ID!,
        secretKey: config.TENCENT_SECRET_KEY!,
        sdkAppId: config.TENCENT_SMS_SDK_APP_ID!,
        signName: config.SMS_SIGN_NAME!,
        region: config.TENCENT_SMS_REGION,
        endpoint: config.TENCENT_SMS_ENDPOINT,
        timeoutMs,
      });
    case 'log':
      return new LogSmsProvider(logger, config.SMS_SIGN_NAME ?? config.BRAND_NAME);
  }
}

export function outboxWorkerOptions(config: Config): OutboxWorkerOptions {
  return {
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: config.NOTIFY_RETRY_BASE_SECONDS * 1000,
    retryMaxMs: config.NOTIFY_RETRY_MAX_MINUTES * 60_000,
    pollMs: config.NOTIFY_POLL_SECONDS * 1000,
    batch: 10,
    // Longer than a batch of sends can take, so a live worker never loses its claim.
    leaseMs: 10 * 2 * config.NOTIFY_TIMEOUT_MS + 60_000,
  };
}

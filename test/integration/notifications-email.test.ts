import { loadConfig } from '../../src/config';
import type { CaseRecord } from '../../src/cases/caseService';
import { localizerFor } from '../../src/app';
import { createLogger } from '../../src/log/logger';
import { SmtpEmailSender } from '../../src/notifications/email';
import { OPT_OUT_EVENT } from '../../src/notifications/optOut';
import { NotificationSender } from '../../src/notifications/sender';
import { LogSmsProvider } from '../../src/notifications/sms/log';
import { caseRecord } from '../helpers/caseRecord';
import { startSmtpServer, type LoopbackSmtp } from '../helpers/smtpServer';

const CARD = '6222021234567890128';
const localizer = localizerFor(loadConfig({}));

function approvedCase(language: string, email: string): CaseRecord {
  const record = caseRecord('');
  record.language = language;
  record.applicant.email = email;
  record.cardSealed = 'sealed-card-stays-inside';
  record.status = 'approved';
  record.events.push({ at: '2026-11-26T03:00:00.000Z', by: 'backoffice:li', type: 'approved', data: { amount: 120, method: 'bank_transfer' } });
  return record;
}

describe('notification emails through a real SMTP server on loopback', () => {
  let smtp: LoopbackSmtp;
  let email: SmtpEmailSender;
  let sender: NotificationSender;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    email = new SmtpEmailSender(smtp.url, '拉卡拉客服 <no-reply@pos.example.com>', 5000);
    sender = new NotificationSender(localizer, { email, sms: new LogSmsProvider(createLogger('silent'), 'test'), smsTemplate: () => undefined });
  });
  afterAll(async () => {
    email.close();
    await smtp.close();
  });

  it('sends the approval in Chinese to the merchant, with the reference and the refund, and no card number', async () => {
    const before = smtp.received.length;
    const outcome = await sender.send('approved', 'email', approvedCase('zh-CN', 'merchant@example.com'));
    expect(outcome).toEqual({ sent: true, id: expect.any(String) });
    const [mail] = (await smtp.arrived(before + 1)).slice(before);
    expect(mail.to).toEqual(['merchant@example.com']);
    expect(mail.parsed.subject).toBe('【拉卡拉】注销申请 PC-2611-00000A 已审核通过，请确认退款方案');
    expect(mail.parsed.headers.get('content-language')).toBe('zh-CN');
    expect(mail.parsed.from?.value[0].address).toBe('no-reply@pos.example.com');
    expect(mail.parsed.text).toContain('退款金额：120.00 元');
    expect(mail.parsed.text).toContain('银行转账');
    expect(mail.parsed.text).toContain('不要再发邮件');
    expect(mail.raw).not.toContain('sealed-card-stays-inside');
  });

  it('writes in English to a merchant who applied in English, and masks a card number typed into the reason', async () => {
    const record = approvedCase('en', 'shop@example.com');
    record.status = 'rejected';
    record.events.push({ at: '2026-11-26T04:00:00.000Z', by: 'backoffice:li', type: 'rejected', data: { reason: `card ${CARD} does not match the terminal` } });
    const before = smtp.received.length;
    await sender.send('rejected', 'email', record);
    const [mail] = (await smtp.arrived(before + 1)).slice(before);
    expect(mail.parsed.subject).toBe('[Lakala] Application PC-2611-00000A was not approved');
    expect(mail.parsed.headers.get('content-language')).toBe('en');
    expect(mail.parsed.text).toContain('Reason: card **** **** **** 0128 does not match the terminal');
    expect(mail.raw.replace(/\s/g, '')).not.toContain(CARD);
  });

  it('tells how to check a cash refund differently from a credit on a statement', async () => {
    const record = approvedCase('en', 'shop@example.com');
    record.events.push({ at: '2026-11-27T04:00:00.000Z', by: 'backoffice:li', type: 'approved', data: { amount: 80.5, method: 'cash' } });
    const before = smtp.received.length;
    await sender.send('refund_paid', 'email', record);
    const [mail] = (await smtp.arrived(before + 1)).slice(before);
    expect(mail.parsed.text).toContain('The refund of CNY 80.50 for application PC-2611-00000A has been paid (cash).');
    expect(mail.parsed.text).toContain('keep the counter receipt');
    expect(mail.parsed.text).not.toContain('credit of');
  });

  it('sends nothing to a merchant who opted out of email, or who gave no address', async () => {
    const optedOut = approvedCase('zh-CN', 'merchant@example.com');
    optedOut.events.push({ at: '2026-11-26T05:00:00.000Z', by: 'user:u', type: OPT_OUT_EVENT, data: { channel: 'email' } });
    const before = smtp.received.length;
    await expect(sender.send('approved', 'email', optedOut)).resolves.toEqual({ sent: false, reason: 'opted_out' });
    await expect(sender.send('approved', 'email', approvedCase('zh-CN', ''))).resolves.toEqual({ sent: false, reason: 'no_contact' });
    expect(sender.channelsFor('approved', optedOut)).toEqual([]);
    // A message sent after these must be the next to arrive: nothing slipped in between.
    await sender.send('closed', 'email', approvedCase('zh-CN', 'next@example.com'));
    const arrived = (await smtp.arrived(before + 1)).slice(before);
    expect(arrived.map((m) => m.to)).toEqual([['next@example.com']]);
  });

  it('fails the send when the SMTP server refuses the login', async () => {
    const wrong = new SmtpEmailSender(smtp.url.replace('loopback-secret', 'wrong'), 'no-reply@pos.example.com', 5000);
    try {
      await expect(wrong.send({ to: 'a@example.com', subject: 's', text: 't', language: 'en' })).rejects.toThrow(/Invalid login|535|auth/i);
    } finally {
      wrong.close();
    }
  });
});

import { ConfigError, loadConfig } from '../../src/config';
import { localizerFor } from '../../src/app';
import { kindForEvent, NOTIFICATION_KINDS, SMS_VARIABLES } from '../../src/notifications/kinds';
import { optInRequest, optOutRequest } from '../../src/notifications/optOut';
import { renderNotification } from '../../src/notifications/render';
import { caseRecord } from '../helpers/caseRecord';

const localizer = localizerFor(loadConfig({}));

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.split(':')[0]);
    throw err;
  }
  return [];
}

describe('which events of a case notify', () => {
  it('the steps the back office takes, submission, closing and reminders; not the merchant\'s own steps in the chat, notes or opt-outs', () => {
    const events = ['submitted', 'approved', 'rejected', 'refund_paid', 'closed', 'refund_reminded', 'accept_reminded'];
    expect(events.map(kindForEvent)).toEqual(['submitted', 'approved', 'rejected', 'refund_paid', 'closed', 'refund_reminder', 'accept_reminder']);
    expect(['under_review', 'refund_agreed', 'verified', 'withdrawn', 'note', 'notifications_opted_out', 'toString'].map(kindForEvent)).toEqual(Array(7).fill(undefined));
  });
});

describe('rendering', () => {
  it.each(NOTIFICATION_KINDS.flatMap((kind) => ['zh-CN', 'en'].map((lang) => [kind, lang] as const)))('%s in %s: every variable filled, the SMS variables listed', (kind, lang) => {
    const record = caseRecord('');
    record.language = lang;
    record.events.push({ at: '2026-11-26T03:00:00.000Z', by: 'backoffice:li', type: 'approved', data: { amount: 120, method: 'original_card' } });
    const message = renderNotification(localizer, kind, record);
    for (const text of [message.subject, message.body, message.smsText]) {
      expect(text).toContain(record.reference);
      expect(text).not.toMatch(/\{\{|\}\}|undefined/);
    }
    expect(message.smsParams.map(([name]) => name)).toEqual(SMS_VARIABLES[kind]);
    expect(message.smsParams.every(([, value]) => value !== '')).toBe(true);
  });

  it('writes dates as the merchant\'s language does', () => {
    const record = caseRecord('');
    expect(renderNotification(localizer, 'submitted', record).body).toContain('2026年11月26日 至 2026年12月1日');
    record.language = 'en';
    expect(renderNotification(localizer, 'submitted', record).body).toContain('between November 26, 2026 and December 1, 2026');
  });
});

describe('opt-out phrases', () => {
  it.each([
    ['不要再发短信', 'sms'],
    ['以后别再发短信了！', 'sms'],
    ['STOP SMS', 'sms'],
    ['please don\'t text me', 'sms'],
    ['不要再发邮件了', 'email'],
    ['Stop emails.', 'email'],
    ['别给我发短信了', 'sms'],
    ['短信别发了', 'sms'],
    ['stop sending me texts', 'sms'],
    ['不要给我发邮件', 'email'],
    ['别老给我发短信了 烦', 'sms'],
    ['邮件也别发', 'email'],
    ['TD', 'sms'],
    ['退订', 'sms'],
    ['stop sending me sms, too many', 'sms'],
    ['no more emails please', 'email'],
  ])('%s → %s', (text, channel) => {
    expect(optOutRequest(text, localizer)).toBe(channel);
  });

  it.each(['我想注销 POS 机', '短信', 'stop', '审核结果会通过短信通知我吗？我想知道大概要等多久才能收到', '', '要不要发短信给你', '短信发到别的手机了', '退订单', 'send me an email instead'])('%j asks nothing of the kind', (text) => {
    expect(optOutRequest(text, localizer)).toBeUndefined();
  });

  it.each([
    ['恢复短信通知', [], ['sms']],
    ['还是给我发短信吧 重新开一下', [], ['sms']],
    ['turn them back on', ['email'], ['email']],
    ['resume texts please', [], ['sms']],
    ['恢复吧', ['sms', 'email'], ['sms', 'email']],
    ['恢复吧', [], []],
    ['我想注销 POS 机', ['sms'], []],
    ['短信', ['sms'], []],
  ] as const)('%j, with %j stopped, asks to have %j back', (text, stopped, channels) => {
    expect(optInRequest(text, localizer, stopped)).toEqual(channels);
  });

  it('knows a button label edited after it was first asked', () => {
    const edited = localizerFor(loadConfig({}));
    expect(optOutRequest('安静模式', edited)).toBeUndefined();
    edited.override('zh-CN', 'notify:optOut.buttons.sms', '安静模式');
    expect(optOutRequest('安静模式', edited)).toBe('sms');
  });
});

describe('notification configuration', () => {
  it('defaults to printing SMS and sending no email', () => {
    const config = loadConfig({});
    expect(config.SMS_PROVIDER).toBe('log');
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('reads template codes per kind', () => {
    const config = loadConfig({ SMS_TEMPLATES: 'submitted:SMS_1, approved:SMS_2', SMS_TEMPLATES_EN: 'approved:SMS_9' });
    expect(config.SMS_TEMPLATES).toEqual({ submitted: 'SMS_1', approved: 'SMS_2' });
    expect(config.SMS_TEMPLATES_EN).toEqual({ approved: 'SMS_9' });
  });

  it.each([
    [{ SMTP_URL: 'smtp://u:p@mail.example.com:587' }, ['MAIL_FROM']],
    [{ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'no-reply@example.com' }, ['SMTP_URL']],
    [{ SMS_TEMPLATES: 'shipped:SMS_1' }, ['SMS_TEMPLATES']],
    [{ SMS_PROVIDER: 'aliyun' }, ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATES']],
    [{ SMS_PROVIDER: 'tencent', TENCENT_SECRET_ID: 'id', TENCENT_SECRET_KEY: 'k', SMS_SIGN_NAME: 's', SMS_TEMPLATES: 'approved:1' }, ['TENCENT_SMS_SDK_APP_ID']],
    [{ SMS_PROVIDER: 'twilio' }, ['SMS_PROVIDER']],
  ])('%j is refused naming %j', (env, names) => {
    expect(problems(env).sort()).toEqual([...names].sort());
  });
});

import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';
import { aliyunStandIn, type StandIn } from '../helpers/smsStandIns';
import { startSmtpServer, type LoopbackSmtp } from '../helpers/smtpServer';

const TOKEN = 'notify-journey-token-'.padEnd(40, 'n');
const CARD = '6212 2602 0001 2345 670';
const ALIYUN = { accessKeyId: 'LTAI-journey', accessKeySecret: 'journey-secret' };

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}

describe('notifications on case changes, through the app', () => {
  let running: RunningApp;
  let smtp: LoopbackSmtp;
  let sms: StandIn;
  let dl: DirectLineHttp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sms = await aliyunStandIn(ALIYUN);
    running = await startApp({
      BACKOFFICE_TOKENS: `alice:${TOKEN}`,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Lakala <no-reply@pos.example.com>',
      SMS_PROVIDER: 'aliyun',
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_SMS_ENDPOINT: sms.endpoint,
      SMS_SIGN_NAME: '拉卡拉',
      SMS_TEMPLATES: 'submitted:SMS_100,approved:SMS_200',
      SMS_TEMPLATES_EN: 'submitted:SMS_101',
      NOTIFY_POLL_SECONDS: '1',
    });
    dl = new DirectLineHttp(running.url);
  });
  afterAll(async () => {
    await running.stop();
    await Promise.all([smtp.close(), sms.close()]);
  });

  const backoffice = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${running.url}/backoffice${path}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  /** Polls (the worker sends in the background) until `done` holds. */
  const eventually = async <T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> => {
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('emails and texts the merchant in English on submission and approval, and stops SMS when asked in the chat', async () => {
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en' });
    const lastBot = async () => {
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)!;
    };
    for (const text of ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', 'Device fault', 'Jane Smith', CARD, 'ABC12345678', '13900001111', 'jane@example.com', 'All correct', 'Jane Smith']) {
      await say(text);
    }
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec((await lastBot()).text ?? '')![0];

    const [submittedMail] = await smtp.arrived(1);
    expect(submittedMail.to).toEqual(['jane@example.com']);
    expect(submittedMail.parsed.subject).toBe(`[Lakala] We have your terminal cancellation application ${reference}`);
    expect(submittedMail.parsed.headers.get('content-language')).toBe('en');
    expect(submittedMail.raw.replace(/[\s-]/g, '')).not.toContain('6212260200012345670');
    await eventually(() => sms.accepted, (accepted) => accepted.length === 1);
    expect(sms.accepted[0]).toMatchObject({ phone: '13900001111', signName: '拉卡拉', template: 'SMS_101', params: { reference } });

    await say('Stop SMS');
    expect((await lastBot()).text).toContain(`any more text messages about application ${reference}`);

    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('POST', `/cases/${reference}/approve`, { amount: 99, method: 'original_card' });
    const approvedMail = (await smtp.arrived(2))[1];
    expect(approvedMail.parsed.subject).toBe(`[Lakala] Application ${reference} approved: please confirm the refund`);
    expect(approvedMail.parsed.text).toContain('Refund amount: CNY 99.00');

    const outbox = await eventually(
      async () => (await backoffice('GET', `/outbox?case=${reference}`)).body.notifications as Array<{ kind: string; channel: string; status: string }>,
      (rows) => rows.every((row) => row.status === 'sent'),
    );
    // No approval SMS: the merchant opted out before it was queued.
    expect(outbox.map((row) => `${row.kind}/${row.channel}/${row.status}`).sort()).toEqual(['approved/email/sent', 'submitted/email/sent', 'submitted/sms/sent']);
    expect(sms.accepted).toHaveLength(1);
  });
});

import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { DirectLineHttp } from '../helpers/directLine';
import { backofficeClient, submittedCase } from '../helpers/journey';

const REVIEWER_TOKEN = 'reviewer-token-'.padEnd(40, 'r');
const DAY = 86_400_000;

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
  suggestedActions?: { actions: { title: string }[] };
}

/**
 * A cancellation across a week, through the real server with a clock the test moves: approved while
 * the merchant is away, accepted in a new conversation days later, "not yet", the reminder, arrived.
 */
describe.each([
  {
    lang: 'zh-CN' as const,
    apply: (card: string, serial: string) => ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三', card, serial, '13800138000', '跳过', '确认无误', '张三'],
    lookUp: (reference: string) => `查询 ${reference}`,
    underReview: /已进入审核/,
    welcomeBack: /欢迎回来/,
    offer: /审核通过[\s\S]*是否接受/,
    offerButtons: ['接受退款方案', '有疑问'],
    acceptReminder: /退款方案还在等您确认[\s\S]*是否接受/,
    accept: '我接受这个方案',
    agreed: /已记录您对退款方案的确认（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/,
    notYet: '还没收到',
    expect: /请在 \*\*\d{4}年\d{1,2}月\d{1,2}日\*\* 前留意/,
    reminder: /已经发出几个工作日了，请问收到了吗/,
    buttons: ['已经收到', '还没收到'],
    arrived: '到账了',
    closed: /办结/,
  },
  {
    lang: 'en' as const,
    apply: (card: string, serial: string) => ['I want to cancel my POS terminal', 'yes', 'last month', 'Business change', 'Li Na', card, serial, '13900001111', 'skip', 'All correct', 'Li Na'],
    lookUp: (reference: string) => `check the status of ${reference}`,
    underReview: /is now under review/,
    welcomeBack: /welcome back/,
    offer: /has been approved[\s\S]*accept this refund/,
    offerButtons: ['Accept the refund', 'I have questions'],
    acceptReminder: /still waiting for your confirmation[\s\S]*accept this refund/,
    accept: 'I accept',
    agreed: /acceptance of the refund has been recorded \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\)/,
    notYet: 'not yet',
    expect: /by \*\*\d{1,2} \w{3} \d{4}\*\*/,
    reminder: /sent a few business days ago\. Has it arrived/,
    buttons: ['It has arrived', 'Not yet'],
    arrived: 'it arrived',
    closed: /complete/,
  },
])('a case across days ($lang)', (t) => {
  // Monday 2026-11-23, 10:00 in Shanghai; the test moves it.
  let clock = new Date('2026-11-23T02:00:00Z');
  let running: RunningApp;
  let dl: DirectLineHttp;
  let backoffice: ReturnType<typeof backofficeClient>;

  beforeAll(async () => {
    running = await startApp(
      { BACKOFFICE_TOKENS: `alice:${REVIEWER_TOKEN}`, ACCEPT_REMINDER_BUSINESS_DAYS: '4', REFUND_REMINDER_BUSINESS_DAYS: '2', REFUND_ESCALATE_BUSINESS_DAYS: '5' },
      () => clock,
    );
    dl = new DirectLineHttp(running.url);
    backoffice = backofficeClient(running.url, REVIEWER_TOKEN);
  });
  afterAll(() => running.stop());

  /** A conversation of the visitor (the widget's stored id), and what the bot said in it. */
  async function conversation(visitor?: string) {
    const issued = await dl.widgetToken(t.lang, visitor);
    await dl.call('POST', '/conversations', issued.token, {});
    let seen = 0;
    const botSaid = async (): Promise<Activity[]> => {
      const page = await dl.call('GET', `/conversations/${issued.conversationId}/activities?watermark=${seen}`, issued.token);
      seen = Number(page.body.watermark);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message');
    };
    const say = async (text: string) => {
      await dl.call('POST', `/conversations/${issued.conversationId}/activities`, issued.token, { type: 'message', text, locale: t.lang });
      return botSaid();
    };
    const welcome = await botSaid();
    return { ...issued, say, botSaid, welcome };
  }

  /** A case submitted in a new conversation of a new visitor: the conversation and the reference. */
  async function applied() {
    const first = await conversation();
    const serial = `LKL${Date.now() % 1e8}`.padEnd(11, '7');
    let submitted: Activity[] = [];
    for (const text of t.apply(cardEndingIn('4242'), serial)) submitted = await first.say(text);
    return { first, reference: /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted.at(-1)?.text ?? '')![0] };
  }

  it('approved while away, offered in the welcome of a new conversation days later, accepted; paid, not yet, reminded there, arrived: closed and the card deleted', async () => {
    const { first, reference } = await applied();

    // The merchant closes the page; the back office approves.
    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('POST', `/cases/${reference}/approve`, { amount: 120, method: 'bank_transfer' });
    // Told in the conversation they applied in, which nobody reads any more.
    expect((await first.botSaid()).at(-1)?.text).toMatch(t.offer);

    // Three days later, the same browser (its stored visitor id), a new conversation.
    clock = new Date(clock.getTime() + 3 * DAY);
    const later = await conversation(first.visitor);
    expect(later.userId).toBe(first.userId);
    expect(later.conversationId).not.toBe(first.conversationId);
    // The welcome itself brings up what the case waits for, in words and as buttons.
    expect(later.welcome.map((a) => a.text)).toEqual([expect.stringMatching(t.welcomeBack), expect.stringMatching(t.offer)]);
    expect(later.welcome.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(t.offerButtons);
    expect(await later.say(t.accept)).toEqual([expect.objectContaining({ text: expect.stringMatching(t.agreed) })]);
    expect((await backoffice('GET', `/cases/${reference}`)).status).toBe('refund_agreed');

    // Paid on Thursday; "not yet" says by when to expect it.
    await backoffice('POST', `/cases/${reference}/paid`, {});
    const notYet = await later.say(t.notYet);
    expect(notYet.at(-1)?.text).toMatch(t.expect);
    expect(await running.app.followUps.run()).toEqual({});

    // Two business days later (Monday) the follow-up asks again, in the conversation the merchant last wrote in.
    clock = new Date(clock.getTime() + 4 * DAY);
    expect(await running.app.followUps.run()).toEqual({ [reference]: 'remind' });
    expect(await running.app.followUps.run()).toEqual({});
    expect(await first.botSaid()).toEqual([]);
    const reminded = await later.botSaid();
    expect(reminded.at(-1)?.text).toMatch(t.reminder);
    expect(reminded.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(t.buttons);

    // Answered in the later conversation, in words.
    expect((await later.say(t.arrived)).at(-1)?.text).toMatch(t.closed);
    const closed = await backoffice('GET', `/cases/${reference}`);
    expect(closed.status).toBe('closed');
    expect(JSON.stringify(closed)).not.toMatch(/cardSealed/);
  });

  it('an offer left unanswered is brought up again after the configured business days, in the chat and by SMS', async () => {
    const { first, reference } = await applied();
    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('POST', `/cases/${reference}/approve`, { amount: 80, method: 'cash' });
    expect((await first.botSaid()).at(-1)?.text).toMatch(t.offer);
    // Approved on a Monday: on Thursday (3 business days) not yet; a week later (past 4), the reminder, once.
    expect(new Date(clock.getTime() + 8 * 3600_000).getUTCDay()).toBe(1);
    clock = new Date(clock.getTime() + 3 * DAY);
    expect(await running.app.followUps.run()).not.toHaveProperty(reference);
    clock = new Date(clock.getTime() + 7 * DAY);
    expect(await running.app.followUps.run()).toMatchObject({ [reference]: 'acceptRemind' });
    expect(await running.app.followUps.run()).not.toHaveProperty(reference);
    const reminded = await first.botSaid();
    expect(reminded.at(-1)?.text).toMatch(t.acceptReminder);
    expect(reminded.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(t.offerButtons);
    const outbox = (await backoffice('GET', `/outbox?case=${reference}`)) as { notifications: { kind: string; channel: string }[] };
    expect(outbox.notifications).toContainEqual(expect.objectContaining({ kind: 'accept_reminder', channel: 'sms' }));
    // Tapped: accepted.
    expect((await first.say(t.offerButtons[0])).at(-1)?.text).toMatch(t.agreed);
  });

  it("proved on another device (reference and card last 4): from then on the case's news goes to that conversation", async () => {
    const { first, reference } = await applied();
    const other = await conversation();
    expect(other.userId).not.toBe(first.userId);
    await other.say(t.lookUp(reference));
    expect((await other.say('4242')).at(-1)?.text).toContain(reference);
    await backoffice('POST', `/cases/${reference}/review`, {});
    expect((await other.botSaid()).map((a) => a.text)).toEqual([expect.stringMatching(t.underReview)]);
    expect(await first.botSaid()).toEqual([]);
  });

  it('a visitor token that does not verify gets a new visitor', async () => {
    const first = await dl.widgetToken(t.lang);
    const forged = await dl.widgetToken(t.lang, `${first.userId}x.${first.visitor.split('.').at(-1)}`);
    expect(forged.userId).not.toBe(first.userId);
    const tampered = await dl.widgetToken(t.lang, `u_someoneelse.${first.visitor.split('.').at(-1)}`);
    expect(tampered.userId).not.toBe('u_someoneelse');
  });
});

describe('the back office records what the merchant said by phone', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `alice:${REVIEWER_TOKEN}` });
  });
  afterAll(() => running.stop());

  it('an acceptance and an arrival, each with who recorded it; a step the case is not at is refused', async () => {
    const backoffice = backofficeClient(running.url, REVIEWER_TOKEN);
    const { reference } = await submittedCase(running.url);
    await backoffice('POST', `/cases/${reference}/review`, {});
    expect((await backoffice('POST', `/cases/${reference}/arrived`, {})).error.code).toBe('InvalidTransition');
    await backoffice('POST', `/cases/${reference}/approve`, { amount: 80, method: 'cash' });
    const accepted = await backoffice('POST', `/cases/${reference}/accepted`, { note: '电话确认' });
    expect(accepted.status).toBe('refund_agreed');
    expect(accepted.events.at(-1)).toMatchObject({ type: 'refund_agreed', by: 'backoffice:alice', data: { via: 'phone', note: '电话确认', acceptedAt: expect.any(String) } });
    await backoffice('POST', `/cases/${reference}/paid`, {});
    const arrived = await backoffice('POST', `/cases/${reference}/arrived`, {});
    expect(arrived.status).toBe('closed');
    expect(arrived.events.map((e: { type: string }) => e.type).slice(-2)).toEqual(['verified', 'closed']);
    expect(arrived.events.at(-2)).toMatchObject({ by: 'backoffice:alice', data: { via: 'phone' } });
  });
});

import { addBusinessDays, localDate } from '../../src/cases/dates';
import { formatDate } from '../../src/i18n/format';
import { randomInt } from 'node:crypto';
import { startApp, type RunningApp } from '../helpers/app';
import { cardEndingIn } from '../helpers/cases';
import { DirectLineHttp } from '../helpers/directLine';

const REVIEWER_TOKEN = 'reviewer-token-'.padEnd(40, 'r');
const CARD = '6212 2602 0001 2345 670';

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
  suggestedActions?: { actions: { title: string }[] };
}

describe('the whole journey through the embedded Direct Line and the back office', () => {
  let running: RunningApp;
  let dl: DirectLineHttp;

  beforeAll(async () => {
    running = await startApp({ BACKOFFICE_TOKENS: `alice:${REVIEWER_TOKEN}` });
    dl = new DirectLineHttp(running.url);
  });
  afterAll(() => running.stop());

  const backoffice = async (method: string, path: string, body?: unknown, token: string | null = REVIEWER_TOKEN) => {
    const res = await fetch(`${running.url}/backoffice${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  /** A conversation in which the user has just submitted an application; `lastBot` reads the newest bot message. */
  const applyInChat = async (lang: 'zh-CN' | 'en', answers: string[]) => {
    const { token, conversationId } = await dl.widgetToken(lang);
    await dl.call('POST', '/conversations', token, {});
    const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: lang });
    for (const text of answers) await say(text);
    const lastBot = async () => {
      const page = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)!;
    };
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec((await lastBot()).text ?? '')?.[0];
    return { say, lastBot, reference };
  };
  /** The answers of an application in English, for a terminal of its own unless `serial` is given. */
  const ENGLISH = (name: string, reason: string, serial = `ABC${randomInt(10 ** 9, 10 ** 10)}`) =>
    ['I would like to cancel the POS terminal you sent me', 'yes', 'last month', reason, name, cardEndingIn('1111'), serial, '13900001111', 'skip', 'All correct', name];

  it('apply in chat, approve, accept, pay, confirm: the case closes and the card is gone', async () => {
    const { token, conversationId } = await dl.widgetToken('zh-CN');
    await dl.call('POST', '/conversations', token, {});
    let seen = 0;
    const say = async (text: string): Promise<Activity[]> => {
      expect((await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'zh-CN' })).status).toBe(200);
      return newBotMessages();
    };
    const newBotMessages = async (): Promise<Activity[]> => {
      const page = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${seen}`, token);
      seen = Number(page.body.watermark);
      return (page.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message');
    };

    await newBotMessages();
    expect((await say('我想把这台POS机注销掉'))[0].text).toMatch(/6 步/);
    expect((await say('开始办理'))[0].text).toMatch(/什么时候收到/);
    expect((await say('三周前'))[0].suggestedActions?.actions.map((a) => a.title)).toContain('设备故障');
    await say('设备故障');
    await say('张三');
    await say(CARD);
    await say('LKL12345678');
    await say('13800138000');
    const summary = await say('跳过');
    expect(summary[0].text).toMatch(/\*\*\*\* 5670/);
    await say('确认无误');
    const submitted = await say('张三');
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(submitted[0].text ?? '')![0];

    // The written application behind its signed link: filled in, card masked, user text escaped.
    const link = new URL(/\((http[^)]+\/application[^)]+)\)/.exec(submitted[0].text ?? '')![1]);
    // On the host the widget reached (no PUBLIC_URL here), not localhost:PORT.
    expect(link.origin).toBe(new URL(running.url.replace('localhost', '127.0.0.1')).origin);
    const page = await fetch(`${running.url}${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('张三');
    expect(html).toContain('**** **** **** 5670');
    expect(html).not.toContain('6212');
    expect((await fetch(`${running.url}${link.pathname}?expires=${link.searchParams.get('expires')}&sig=forged`)).status).toBe(403);
    expect((await fetch(`${running.url}${link.pathname}`)).status).toBe(403);

    // The back office: authentication, validation, the life cycle.
    expect((await backoffice('GET', `/cases/${reference}`, undefined, null)).status).toBe(401);
    expect((await backoffice('GET', `/cases/${reference}`, undefined, 'wrong-token-'.padEnd(40, 'x'))).status).toBe(401);
    const invalid = await backoffice('POST', `/cases/${reference}/approve`, { amount: -1, method: 'gold' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/amount: .*method: /);
    const early = await backoffice('POST', `/cases/${reference}/paid`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.allowed).toEqual(['under_review', 'withdrawn']);
    expect((await backoffice('POST', `/cases/PC-0000-XXXXXX/review`, {})).status).toBe(400);

    const listed = await backoffice('GET', '/cases?status=submitted');
    expect(listed.body.cases.map((c: { reference: string }) => c.reference)).toContain(reference);
    expect((await backoffice('POST', `/cases/${reference}/review`, {})).status).toBe(200);
    expect((await newBotMessages())[0].text).toMatch(/已进入审核/);

    const approved = await backoffice('POST', `/cases/${reference}/approve`, { amount: 99, method: 'original_card' });
    expect(approved.body.status).toBe('approved');
    const offer = await newBotMessages();
    expect(offer[0].text).toMatch(/99\.00 元/);
    expect(offer[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['接受退款方案', '有疑问']);
    expect((await say('接受退款方案'))[0].text).toMatch(/已记录您对退款方案的确认/);

    expect((await backoffice('POST', `/cases/${reference}/paid`, {})).body.status).toBe('refund_paid');
    const paid = await newBotMessages();
    expect(paid[0].text).toMatch(/金额为 99\.00 元的入账/);
    expect((await say('已经收到'))[0].text).toMatch(/办结/);

    const closed = await backoffice('GET', `/cases/${reference}`);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'under_review', 'approved', 'refund_agreed', 'refund_paid', 'verified', 'closed']);
    expect(closed.body.applicant.cardLast4).toBe('5670');
    // The written application is no longer shown once the case is closed.
    expect((await fetch(`${running.url}${link.pathname}${link.search}`)).status).toBe(410);
    expect(JSON.stringify(closed.body)).not.toMatch(/6212260200012345670|cardSealed/);
    const transcript = await dl.call('GET', `/conversations/${conversationId}/activities`, token);
    expect(JSON.stringify(transcript.body)).not.toContain('6212260200012345670');
    expect(JSON.stringify(transcript.body)).not.toContain(CARD);
  });

  it('"not arrived" after payment says by when to expect it and is noted on the case', async () => {
    const { say, lastBot, reference } = await applyInChat('zh-CN', ['我要注销POS机', '开始办理', '上个月', '经营变更', '赵六', cardEndingIn('1111'), 'ABC10000002', '13900002222', '跳过', '确认无误', '赵六']);
    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('POST', `/cases/${reference}/approve`, { amount: 50.5, method: 'bank_transfer' });
    expect((await lastBot()).text).toMatch(/50\.50 元[\s\S]*银行转账/);
    await say('接受退款方案');
    await backoffice('POST', `/cases/${reference}/paid`, {});
    await say('还没收到');
    const missing = await lastBot();
    const expected = formatDate(addBusinessDays(localDate(new Date()), 3, new Set()), 'zh-CN');
    expect(missing.text).toContain(`请在 **${expected}** 前留意银行卡上这笔 50.50 元的入账`);
    expect(missing.suggestedActions?.actions.map((a) => a.title)).toEqual(['转人工客服']);
    const record = await backoffice('GET', `/cases/${reference}`);
    expect(record.body.status).toBe('refund_paid');
    expect(record.body.events.at(-1)).toMatchObject({ type: 'refund_not_arrived', by: expect.stringMatching(/^user:/) });
  });

  it('a rejection tells the user why and offers a person', async () => {
    const { lastBot, reference } = await applyInChat('en', ENGLISH('Li Na', '3'));
    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('POST', `/cases/${reference}/reject`, { reason: 'The serial number does not match our records' });
    const last = await lastBot();
    expect(last.text).toMatch(/was not approved[\s\S]*serial number does not match/);
    expect(last.suggestedActions?.actions.map((a) => a.title)).toEqual(['Talk to a person', 'What do I need?', 'Apply again']);
    // A rejected case can only be closed, not withdrawn.
    const withdraw = await backoffice('POST', `/cases/${reference}/withdraw`, {});
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.allowed).toEqual(['closed']);
  });

  it('a message left for a person reaches the back office', async () => {
    const { token, conversationId } = await dl.widgetToken('en');
    await dl.call('POST', '/conversations', token, {});
    for (const text of ['let me speak to one of your staff', 'Leave a message', 'Please call me about my refund', '13700003333']) {
      await dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'en-US' });
    }
    const listed = await backoffice('GET', '/callbacks');
    expect(listed.body.callbacks).toEqual(expect.arrayContaining([expect.objectContaining({ mobile: '13700003333', message: 'Please call me about my refund', language: 'en' })]));
    expect((await backoffice('GET', '/callbacks', undefined, null)).status).toBe(401);
  });

  it('a second application for a terminal with an open case from someone else (another user, another card) is told at the serial number only that one is in progress', async () => {
    await applyInChat('en', ENGLISH('Sun Li', '2', 'ABC10000003'));
    const second = await applyInChat('zh-CN', ['我要注销POS机', '开始办理', '上个月', '经营变更', '孙丽', cardEndingIn('2222'), 'ABC10000003']);
    expect((await second.lastBot()).text).toMatch(/机身号 ABC10000003 的机具已经有一份正在办理的注销申请，同一台机具不能重复申请/);
    expect((await second.lastBot()).text).not.toMatch(/PC-\d{4}|已提交，等待审核/);
    // A mistyped serial: the right one goes on with the application.
    await second.say('ABC10000004');
    expect((await second.lastBot()).text).toMatch(/手机号/);
  });

  it('withdrawing deletes the card and tells the user', async () => {
    const { lastBot, reference } = await applyInChat('en', ENGLISH('Wang Wu', '1'));
    const withdrawn = await backoffice('POST', `/cases/${reference}/withdraw`, {});
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await lastBot()).text).toMatch(/has been withdrawn/);
  });

  it('the audit log names who read and changed a case, when and from where', async () => {
    const { reference } = await applyInChat('en', ENGLISH('Zhou Jie', '1'));
    await backoffice('POST', `/cases/${reference}/review`, {});
    await backoffice('GET', `/cases/${reference}`);
    await backoffice('GET', `/cases?q=${reference}`);
    const audit = await backoffice('GET', `/audit?case=${reference}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(['GET /backoffice/cases', 'GET /backoffice/cases/:reference', 'POST /backoffice/cases/:reference/review']);
    for (const entry of audit.body.entries) expect(entry).toMatchObject({ actor: expect.stringContaining('alice'), caseReference: reference, address: '127.0.0.1', at: expect.any(String) });
    const byActor = await backoffice('GET', `/audit?actor=${encodeURIComponent(audit.body.entries[0].actor)}&since=${encodeURIComponent(audit.body.entries.at(-1).at)}`);
    expect(byActor.body.entries.length).toBeGreaterThanOrEqual(3);
    expect((await backoffice('GET', '/audit?since=yesterday')).status).toBe(400);
  });

  it('exports everything held about a mobile number, then erases it down to the minimum record, audited', async () => {
    const mobile = '13600006666';
    const answers = ENGLISH('Qian Mo', '2');
    answers[answers.indexOf('13900001111')] = mobile;
    const { reference, say } = await applyInChat('en', answers);
    await backoffice('POST', `/cases/${reference}/notes`, { text: 'asked for a call back' });
    await say('let me speak to one of your staff');

    expect((await backoffice('GET', '/subjects?mobile=12345')).status).toBe(400);
    const exported = await backoffice('GET', `/subjects?mobile=${mobile}`);
    expect(exported.status).toBe(200);
    expect(exported.body.references).toEqual([reference]);
    expect(exported.body.cases[0]).toMatchObject({ reference, applicant: { fullName: 'Qian Mo', mobile } });
    expect(exported.body.cases[0].events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'note']);
    expect(JSON.stringify(exported.body)).not.toMatch(/cardSealed/);
    // What was said is in the conversation's log; a transcript for agents begins only with a handoff (nobody was online).
    expect(exported.body.conversations[0].activities.map((a: { text?: string }) => a.text)).toContain('let me speak to one of your staff');
    expect(exported.body.conversations[0].transcript).toEqual([]);

    const erased = await backoffice('DELETE', `/subjects?mobile=${mobile}`);
    expect(erased.body).toEqual({ erased: [reference], conversations: [expect.any(String)] });
    const after = await backoffice('GET', `/subjects?mobile=${mobile}`);
    expect(after.body).toMatchObject({ references: [], cases: [] });
    const kept = await backoffice('GET', `/cases/${reference}`);
    expect(kept.body).toMatchObject({ reference, status: 'submitted', erasedAt: expect.any(String), applicant: { fullName: '', mobile: '' } });
    const audit = await backoffice('GET', `/audit?case=${reference}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['DELETE /backoffice/subjects', 'GET /backoffice/subjects']));
  });
});

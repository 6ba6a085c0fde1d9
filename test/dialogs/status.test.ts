import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { botAdapter, botHarness, titles } from '../helpers/bot';
import { application, submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';
import { formatDate } from '../../src/i18n/format';

const zh = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'zh-CN' });

const submitted = (userId: string) => submitCase({ owner: { userId, channelId: 'test', conversation: {} } });

describe('status', () => {
  it('shows the owner their latest case without asking anything', async () => {
    const record = await submitted('owner');
    await botAdapter({}, { user: 'Owner' })
      .send(zh('查询办理进度'))
      .assertReply((r) => {
        expect(r.text).toContain(record.reference);
        expect(r.text).toMatch(/已提交，等待审核/);
        // Days in the merchant's language.
        expect(r.text).toContain(formatDate(record.decision.latest, 'zh-CN'));
        expect(titles(r)).toContain('转人工客服');
      })
      .startTest();
  });

  it.each([
    ['审核通过了吗', 'zh-CN', /已提交，等待审核/],
    ['批下来了没？', 'zh-CN', /已提交，等待审核/],
    ['has it been approved yet?', 'en-US', /submitted, waiting for review/],
    ['any news on my application?', 'en-US', /submitted, waiting for review/],
  ])('%j with a case under review: where that case stands, not the FAQ on review times', async (text, locale, status) => {
    const user = `Outcome ${text}`;
    const record = await submitted(user.toLowerCase());
    await botAdapter({}, { user })
      .send({ type: ActivityTypes.Message, text, locale })
      .assertReply((r) => {
        expect(r.text).toContain(record.reference);
        expect(r.text).toMatch(status);
      })
      .startTest();
  });

  it('"审核通过了吗" without a case is not taken for a status check', async () => {
    await botAdapter({}, { user: 'No case yet' })
      .send(zh('审核通过了吗'))
      // A status check would ask for the reference of a case the merchant never had.
      .assertReply((r) => expect(r.text).not.toMatch(/申请单号/))
      .startTest();
  });

  it('asks anyone else to verify with the card last 4 or the mobile number', async () => {
    const record = await submitted('owner');
    await botAdapter({}, { user: 'Stranger' })
      .send(zh(`帮我查一下 ${record.reference.toLowerCase()} 的进度`))
      .assertReply((r) => expect(r.text).toMatch(/后四位/))
      .send(zh('0000'))
      .assertReply((r) => expect(r.text).toMatch(/验证没有通过.*后四位/))
      .send(zh('1111'))
      .assertReply((r) => {
        expect(r.text).toContain(record.reference);
        expect(r.text).not.toMatch(/王五|13900001111/);
      })
      .send(zh(`进度查询 ${record.reference}`))
      .assertReply((r) => expect(r.text).toMatch(/后四位/))
      .send(zh('+86 139 0000 1111'))
      .assertReply((r) => expect(r.text).toContain(record.reference))
      .startTest();
  });

  it('someone who proved an approved case sees where it stands but cannot accept the offer: only its applicant signs', async () => {
    const record = await submitted('applicant who signs');
    const c = chat({}, undefined, { user: 'Not the applicant' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.send(`帮我查一下 ${record.reference} 的进度`);
    const [report] = await c.send('1111');
    expect(report.text).toContain(record.reference);
    expect(report.text).toMatch(/只能由申请人/);
    expect(titles(report)).not.toContain('接受退款方案');
    await c.send('接受退款方案');
    await c.send('我接受');
    expect((await c.cases.get(record.reference))?.status).toBe('approved');
    // The applicant still can.
    const applicant = chat({}, undefined, { user: 'applicant who signs' });
    await applicant.send('进度');
    await applicant.send('我接受');
    expect((await applicant.cases.get(record.reference))?.status).toBe('refund_agreed');
  });

  it('asks for the reference when there is none, and checks it', async () => {
    await botAdapter({}, { user: 'Nobody' })
      .send(zh('我的申请办到哪一步了'))
      .assertReply((r) => expect(r.text).toMatch(/申请单号/))
      .send(zh('PC-2611-ABCDEF'))
      .assertReply((r) => expect(r.text).toMatch(/校验没有通过/))
      .send(zh('单号写错了吗'))
      .assertReply((r) => expect(r.text).toMatch(/格式如 PC-/))
      .startTest();
  });

  it.each([
    ['查进度', '我要注销pos机', /现在开始填写申请吗/],
    ['check my progress', 'I want to cancel my POS terminal', /Shall we start the application now/],
  ])('"%s", then "%s" instead of a reference: the application begins, no "wrong format"', async (asked, cancel, start) => {
    const c = chat({}, undefined, { user: `NoReference ${asked.length}` });
    const locale = /[a-z]/.test(asked) ? 'en-US' : 'zh-CN';
    expect(texts(await c.send({ type: ActivityTypes.Message, text: asked, locale }))[0]).toMatch(/PC-2611-7K3M9X/);
    expect(texts(await c.send({ type: ActivityTypes.Message, text: cancel, locale }))).toEqual([expect.stringMatching(start)]);
  });

  it('"PC-2612-XXXXXX 这个单子进度怎么样" is told that reference does not check out, not asked for one', async () => {
    const c = chat({}, undefined, { user: 'Bad reference' });
    expect(texts(await c.send('PC-2612-XXXXXX 这个单子进度怎么样'))).toEqual([expect.stringMatching(/这个单号格式不对或校验没有通过/)]);
  });

  it('at the reference question, "客服電話幾號" is answered and the question left (not asked after every answer); a mobile number instead looks the application up, and with none says so and offers a person', async () => {
    const c = chat({}, undefined, { user: 'No reference at hand' });
    await c.send('查进度');
    expect(texts(await c.send('客服電話幾號'))).toEqual([expect.stringMatching(/95016/)]);
    expect(texts(await c.send('注销需要什么材料')).join('\n')).not.toMatch(/申请单号/);
    await c.send('查进度');
    const [mobile] = await c.send('13800138000');
    expect(mobile.text).toMatch(/没有查到这个手机号下我能为您显示的申请/);
    expect(titles(mobile)).toEqual(['转人工客服']);
  });

  it('"算了不办了" with an application open is told it carries on, and how it is withdrawn', async () => {
    const record = await submitted('abort with case');
    const c = chat({}, undefined, { user: 'Abort with case' });
    const [reply] = await c.send('算了不办了');
    expect(reply.text).toMatch(new RegExp(`${record.reference}\\*\\* 还在办理中，不受影响；如果是想撤回这份申请`));
    expect(titles(reply)).toEqual(['转人工客服', '查询办理进度']);
  });

  it('a withdrawn application: its notice and its progress offer applying again, which does', async () => {
    const record = await submitted('withdrawn again');
    const c = chat({}, undefined, { user: 'Withdrawn again' });
    const withdrawn = await c.cases.transition(record.reference, 'withdrawn', 'backoffice:alice');
    await c.events.raise({ ...(withdrawn.owner.conversation as object), conversation: { id: c.conversationId() } } as Parameters<typeof c.events.raise>[0], { kind: 'caseUpdated', reference: record.reference }, 'zh-CN');
    await c.settle();
    expect(titles(c.drain().at(-1)!)).toEqual(['重新申请']);
    const [report] = await c.send('进度');
    expect(titles(report)).toContain('重新申请');
    // Applying again is filled in from the withdrawn application, the card asked again (its case keeps none).
    expect(texts(await c.send('重新申请'))[0]).toMatch(/我们重新申请。我已经把上次申请 \*\*PC-/);
  });

  it.each([['ok how do i apply again', 'en-US', /let's apply again[\s\S]*资料不全/], ['那怎么重新申请', 'zh-CN', /我们重新申请[\s\S]*资料不全/]])('after a rejection, %j starts the application again', async (said, locale, starts) => {
    const record = await submitted(`how reapply ${locale}`.toLowerCase());
    const c = chat({}, undefined, { user: `How reapply ${locale}` });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: '资料不全' });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))[0]).toMatch(starts);
  });

  it('a rejected application staff closed since is still not approved: its reason, that nothing was cancelled, and applying again', async () => {
    const record = await submitted('rejected then closed');
    const c = chat({}, undefined, { user: 'Rejected then closed' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: '资料不全' });
    await c.cases.transition(record.reference, 'closed', 'backoffice:alice');
    for (const asked of ['我那个注销办好了没', '被拒的原因是啥']) {
      const [report] = await c.send(asked);
      expect(report.text).toMatch(/审核未通过（已关闭）[\s\S]*没有注销[\s\S]*资料不全/);
      expect(report.text).not.toMatch(/全部办结/);
      expect(titles(report)).toContain('重新申请');
    }
    expect(texts(await c.send('重新申请'))[0]).toMatch(/我们重新申请[\s\S]*资料不全/);
  });

  it('"审核过了没呀亲", unsure between the review time and progress, from a merchant with an application: its progress', async () => {
    const record = await submitted('review done yet');
    const c = chat({}, undefined, { user: 'Review done yet' });
    expect(texts(await c.send('审核过了没呀亲'))[0]).toContain(record.reference);
  });

  it('a complaint about the wait while the review runs gets an apology and the review\'s own window', async () => {
    const record = await submitted('too slow');
    const c = chat({}, undefined, { user: 'Too slow' });
    const [sorry, report] = texts(await c.send('你们这审核也太慢了吧，到底还要多久'));
    expect(sorry).toMatch(/很抱歉让您久等了/);
    expect(report).toContain(formatDate(record.decision.latest, 'zh-CN'));
  });

  it.each(['where was i', 'where am i at with this?'])('%j from a merchant with an application: where it stands (was where to find the serial number)', async (said) => {
    const user = `where at ${said.length}`;
    const record = await submitted(user);
    const c = chat({}, undefined, { user });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale: 'en-US' }))[0]).toContain(record.reference);
  });

  it.each(['can you hurry it up', 'could you speed this up please'])('%j while the review runs: the apology and the review\'s own window (was out of scope)', async (said) => {
    const user = `hurry ${said.length}`;
    const record = await submitted(user);
    const c = chat({}, undefined, { user });
    const [sorry, report] = texts(await c.send({ type: ActivityTypes.Message, text: said, locale: 'en-US' }));
    expect(sorry).toMatch(/sorry about the wait/);
    expect(report).toContain(formatDate(record.decision.latest, 'en'));
  });

  it.each([
    ['this is ridiculous why was i rejected', 'en-US', /sorry your application wasn't approved/, /Why it was not approved: 资料不全/],
    ['搞什么 为什么不通过', 'zh-CN', /很抱歉这次申请没能通过/, /未通过的原因：资料不全/],
  ])('%j once rejected: the apology, then why and what can be done (not the bare apology)', async (said, locale, sorry, why) => {
    const user = `rejected complaint ${locale.toLowerCase()}`;
    const { reference } = await submitted(user);
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'rejected', 'backoffice:alice', { reason: '资料不全' });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(sorry), expect.stringMatching(why)]);
  });

  it('a review past its window is said to be late with a person offered to chase it: "好的" next is that person; in time, it is no offer', async () => {
    const late = await submitted('chase it');
    const ALWAYS = { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' };
    const c = chat(ALWAYS, undefined, { user: 'Chase it', now: () => new Date(`${late.decision.latest}T12:00:00+08:00`) });
    await c.handoffs.heartbeat('alice');
    expect(texts(await c.send('进度')).join('\n')).not.toMatch(/超时/);
    await c.send('好的');
    expect(await c.active()).toBeUndefined();
    const later = chat(ALWAYS, undefined, { user: 'Chase it', now: () => new Date(new Date(`${late.decision.latest}T12:00:00+08:00`).getTime() + 2 * 86400000) });
    await later.handoffs.heartbeat('alice');
    expect(texts(await later.send('帮我催一下')).join('\n')).toMatch(/超时了[\s\S]*催办/);
    await later.send('好的');
    expect(await later.active()).toMatchObject({ state: 'queued' });
  });

  it.each([['弄好没', 'zh-CN'], ['any news?', 'en-US'], ['提交好几天了还没消息', 'zh-CN'], ['its been 2 weeks, why no answer yet?', 'en-US'], ['still waiting, nothing from you guys', 'en-US']])('%j from a merchant with an application is where it stands (not a name, not out of scope)', async (said, locale) => {
    const record = await submitted(`done yet ${said}`.toLowerCase());
    const c = chat({}, undefined, { user: `done yet ${said}` });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))[0]).toContain(record.reference);
  });

  it('"两台都查一下" is a progress check, not another application', async () => {
    await submitted('both please');
    const c = chat({}, undefined, { user: 'Both please' });
    expect(texts(await c.send('两台都查一下')).join('\n')).not.toMatch(/新开一份申请|什么时候收到/);
  });

  it('"whats my reference number again?" with an application: where it stands, its reference first', async () => {
    const record = await submitted('forgot reference');
    const c = chat({}, undefined, { user: 'Forgot reference' });
    const [report] = texts(await c.send({ text: 'whats my reference number again?', locale: 'en-US' }));
    expect(report).toMatch(new RegExp(`^Reference \\*\\*${record.reference}\\*\\*`));
  });

  it('allows a few wrong proofs per case, whoever makes them and in however many chats; then not even the right one', async () => {
    const record = await submitted('guessed owner');
    const { bot } = botHarness({}, { user: 'Guesser' });
    // Every chat of this bot shares the counters, as every instance shares them in Redis.
    const chat = () => {
      const id = `guesser-${Math.random()}`;
      return new TestAdapter((context) => bot.run(context), { from: { id, name: 'Guesser' }, conversation: { id } } as Partial<Activity>);
    };
    for (let i = 0; i < 5; i++) {
      await chat()
        .send(zh(`查询 ${record.reference}`))
        .assertReply((r) => expect(r.text).toMatch(/后四位/))
        .send(zh(String(1000 + i)))
        .assertReply((r) => expect(r.text).toMatch(i < 4 ? /验证没有通过/ : /次数太多/))
        .startTest();
    }
    await chat()
      .send(zh(`查询 ${record.reference}`))
      .assertReply((r) => {
        expect(r.text).toMatch(/次数太多/);
        expect(r.text).not.toContain('等待审核');
      })
      .startTest();
    // The owner still sees their case at once.
    await botAdapter({}, { user: 'Guessed owner' })
      .send(zh('查询办理进度'))
      .assertReply((r) => expect(r.text).toContain(record.reference))
      .startTest();
  });
});

describe('a merchant coming back with nothing to answer', () => {
  const joined = (id: string) => ({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id, name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } });

  it('while the review runs, is welcomed back with where the case stands and when the decision is due', async () => {
    const record = await submitted('back under review');
    const c = chat({}, undefined, { user: 'Back under review' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    const [welcome, report, ...more] = texts(await c.send(joined('back under review')));
    expect(welcome).toMatch(/欢迎回来/);
    expect(report).toContain(record.reference);
    expect(report).toMatch(/审核中/);
    expect(report).toContain(formatDate(record.decision.latest, 'zh-CN'));
    expect(more).toEqual([]);
  });

  it('after a rejection, hears why and what to do', async () => {
    const record = await submitted('back rejected');
    const c = chat({}, undefined, { user: 'Back rejected' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: '机身号与登记记录不符' });
    const [welcome, report] = texts(await c.send(joined('back rejected')));
    expect(welcome).toMatch(/欢迎回来/);
    expect(report).toMatch(/审核未通过[\s\S]*重新申请[\s\S]*机身号与登记记录不符/);
  });

  it('after a rejection, "why??? what do i do now" is told the reason again with the button that applies again; "can I fix it and apply again?" is answered so (nothing started yet); "重新申请" applies again, with the reason', async () => {
    const record = await submitted('rejected asks');
    const c = chat({}, undefined, { user: 'Rejected asks' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: 'The serial number does not match our records' });
    const [why] = await c.send({ text: 'why??? what do i do now', locale: 'en-US' });
    expect(why.text).toMatch(/was not approved[\s\S]*The serial number does not match our records/);
    expect(titles(why)).toEqual(['Talk to a person', 'What do I need?', 'Apply again']);
    const [asked, ...more] = await c.send({ text: 'can I fix it and apply again?', locale: 'en-US' });
    expect(more).toEqual([]);
    expect(asked.text).toMatch(/The serial number does not match our records/);
    expect(asked.text).not.toMatch(/let's apply again/);
    expect(titles(asked)).toContain('Apply again');
    const again = chat({}, undefined, { user: 'Rejected asks' });
    expect(texts(await again.send('重新申请'))[0]).toMatch(/我们重新申请/);
    // A question about applying again is no application.
    const asks = chat({}, undefined, { user: 'Rejected asks' });
    expect(texts(await asks.send('重新申请要多久')).join('\n')).not.toMatch(/我们重新申请|现在开始填写申请吗/);
  });

  it.each(['ok so can i apply again?', 'can i reapply', 'is it possible to resubmit?', 'could i send it again'])('after a rejection, %j (whether one may) is answered with the reason and the button that applies again, nothing started', async (said) => {
    const record = await submitted(`may reapply ${said}`.toLowerCase());
    const c = chat({}, undefined, { user: `May reapply ${said}` });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: 'blurry photo' });
    const [answer, ...more] = await c.send({ type: ActivityTypes.Message, text: said, locale: 'en-US' });
    expect(more).toEqual([]);
    expect(answer.text).toMatch(/apply again/);
    expect(answer.text).toMatch(/blurry photo/);
    expect(titles(answer)).toContain('Apply again');
    expect(texts(await c.send({ type: ActivityTypes.Message, text: 'Apply again', locale: 'en-US' }))[0]).toMatch(/let's apply again[\s\S]*blurry photo/);
  });

  it.each([
    ['ok how do i fix it', 'en-US', /was not approved[\s\S]*documents unclear/],
    ['那怎么补', 'zh-CN', /没有通过审核[\s\S]*documents unclear/],
  ])('after a rejection, %j is told the reason again and what to do', async (text, locale, told) => {
    const user = `rejected fix ${locale.toLowerCase()}`;
    const record = await submitted(user);
    const c = chat({}, undefined, { user });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: 'documents unclear' });
    expect(texts(await c.send({ text, locale }))[0]).toMatch(told);
  });

  it.each([
    ['under_review', '退款怎么退给我'],
    ['refund_agreed', '如何核对退款到账'],
    ['rejected', '需要哪些材料'],
  ])('the progress of a case %s offers the question that comes next at that stage: %s', async (stage, button) => {
    const user = `follow-up ${stage}`;
    const record = await submitted(user);
    const c = chat({}, undefined, { user });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    if (stage === 'rejected') await c.cases.transition(record.reference, 'rejected', 'backoffice:alice', { reason: '材料不全' });
    if (stage === 'refund_agreed') {
      await c.cases.transition(record.reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
      await c.cases.transition(record.reference, 'refund_agreed', `user:${user}`);
    }
    const [report] = await c.send('进度');
    expect(titles(report)).toEqual(expect.arrayContaining([button, '转人工客服']));
    expect(titles(report)?.filter((t) => ['审核需要几天', '退款怎么退给我', '如何核对退款到账', '需要哪些材料'].includes(t))).toEqual([button]);
  });

  it.each([['审核要多久', /审核中[\s\S]*之间给出审核结果/], ['how long does the review take?', /under review[\s\S]*Expected decision between/]])('%j while the review runs is answered with that review\'s own window', async (text, window) => {
    const record = await submitted(`review time ${text}`);
    const c = chat({}, undefined, { user: `Review time ${text}` });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    const replies = texts(await c.send({ text, locale: /^[a-z]/.test(text) ? 'en-US' : 'zh-CN' }));
    expect(replies.join('\n')).toContain(record.reference);
    expect(replies.join('\n')).toMatch(window);
  });

  it('asking to change the agreed refund ("我想改成现金") is told a person does it, with the button', async () => {
    const record = await submitted('change agreed');
    const c = chat({}, undefined, { user: 'Change agreed' });
    await c.cases.transition(record.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(record.reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.cases.transition(record.reference, 'refund_agreed', 'user:change agreed');
    const [reply] = await c.send('我想改成现金');
    expect(reply.text).toMatch(/没法撤销[\s\S]*转人工客服/);
    expect(titles(reply)).toEqual(['转人工客服']);
    expect((await c.cases.get(record.reference))?.status).toBe('refund_agreed');
  });

  it('once the case is closed, gets the first-visit welcome and its menu', async () => {
    const record = await submitted('back closed');
    const c = chat({}, undefined, { user: 'Back closed' });
    await c.cases.transition(record.reference, 'withdrawn', 'user:back closed');
    const [welcome, ...more] = await c.send(joined('back closed'));
    expect(welcome.text).toMatch(/请问今天想办理什么/);
    expect(titles(welcome)).toContain('注销我的POS机');
    expect(more).toEqual([]);
  });
});

describe('a second application by a merchant who applied before', () => {
  /** The merchant's chat at the question of whether to use the earlier application's details. */
  async function atReuseQuestion(user: string) {
    const c = chat({}, undefined, { user });
    // Submitted by the chat's own service: its card sealed with the same key.
    await c.cases.submit(application({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } }));
    for (const said of ['我要注销POS机', '开始办理', '上个月']) await c.send(said);
    return { c, asked: texts(await c.send('设备故障')) };
  }

  it('is offered the earlier name, card (last 4 only) and mobile; taken, only the serial is asked, and the case carries them', async () => {
    const { c, asked } = await atReuseQuestion('Reuses details');
    const question = asked.at(-1)!;
    expect(question).toMatch(/沿用那份申请的信息[\s\S]*王五[\s\S]*1111[\s\S]*139\*\*\*\*1111/);
    // The card by its last 4 digits only, the mobile half hidden.
    expect(question.replace(/\s/g, '')).not.toMatch(/\d{8,}1111/);
    expect(question).not.toContain('13900001111');
    expect(texts(await c.send('和上次一样')).at(-1)).toMatch(/机身号/);
    expect(texts(await c.send('LKL99998888')).at(-1)).toMatch(/请核对您的申请信息[\s\S]*1111/);
    await c.send('对的');
    const done = texts(await c.send('王五')).join('\n');
    const reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    const record = await c.cases.get(reference!);
    expect(record?.applicant).toMatchObject({ fullName: '王五', cardLast4: '1111', mobile: '13900001111', posSerial: 'LKL99998888' });
  });

  it('"重新填写": every question is asked', async () => {
    const { c } = await atReuseQuestion('Fills in again');
    expect(texts(await c.send('重新填写')).at(-1)).toMatch(/姓名/);
  });

  it('an earlier case whose card this server cannot open (another key): the name and mobile are offered, the card asked again', async () => {
    const c = chat({}, undefined, { user: 'Other key' });
    await submitted('other key');
    for (const said of ['我要注销POS机', '开始办理', '上个月']) await c.send(said);
    expect(texts(await c.send('设备故障')).at(-1)).toMatch(/沿用那份申请的姓名（王五）和手机号（139\*\*\*\*1111）[\s\S]*银行卡号需要重新填写/);
    expect(texts(await c.send('沿用这些信息')).at(-1)).toMatch(/结算银行卡号/);
  });

  it('a first application is asked nothing of the kind', async () => {
    const c = chat({}, undefined, { user: 'First application' });
    for (const said of ['我要注销POS机', '开始办理', '上个月']) await c.send(said);
    expect(texts(await c.send('设备故障')).at(-1)).toMatch(/姓名/);
  });
});

describe('a merchant with two terminals being cancelled', () => {
  it('hears of both when one waits for an answer: the other first, then the offer with its buttons', async () => {
    const older = await submitted('two terminals, one approved');
    const newer = await submitted('two terminals, one approved');
    const c = chat({}, undefined, { user: 'Two terminals, one approved' });
    await c.cases.transition(newer.reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(newer.reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    const replies = await c.send('查询办理进度');
    expect(texts(replies)).toEqual([expect.stringMatching(/^您有 2 份正在办理的注销申请：/), expect.stringContaining(newer.reference)]);
    expect(replies[0].text).toContain(older.reference);
    expect(titles(replies[1])).toContain('接受退款方案');
    // Asked while the offer's question waits, as after the welcome back: both again.
    const welcome = texts(await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'merchant', name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } }));
    expect(welcome.join('\n')).toMatch(/请确认是否接受这个退款方案/);
    const again = texts(await c.send('查询办理进度'));
    expect(again).toEqual([expect.stringMatching(/^您有 2 份正在办理的注销申请：/), expect.stringContaining(newer.reference)]);
  });

  it('hears of both cases: the other first, then the newest with its buttons', async () => {
    const older = await submitted('two terminals');
    const newer = await submitted('two terminals');
    const replies = await chat({}, undefined, { user: 'Two terminals' }).send('查询办理进度');
    expect(texts(replies)).toEqual([expect.stringMatching(/^您有 2 份正在办理的注销申请：/), expect.stringContaining(newer.reference)]);
    expect(replies[0].text).toContain(older.reference);
    expect(replies[0].text).not.toContain(newer.reference);
    expect(titles(replies[1])).toContain('转人工客服');
  });
});

describe('a password sent in the chat', () => {
  it.each([['我的密码是123456，帮我查一下进度', 'zh-CN', /请不要在聊天里发送银行卡密码/], ['my pin is 4321, where is my application', 'en-US', /Please never send your card PIN/]])('%j: warned first, then answered', async (text, locale, warning) => {
    await submitted(`secret ${locale}`);
    const replies = texts(await chat({}, undefined, { user: `Secret ${locale}` }).send({ text, locale }));
    expect(replies[0]).toMatch(warning);
    expect(replies[1]).toMatch(/PC-\d{4}-/);
  });
});

describe('a submitted application said to be wrong', () => {
  it.each([
    ['我填错手机号了，能改吗', 'zh-CN', /不能在这里直接修改.*转人工/],
    ['机身号写错了', 'zh-CN', /不能在这里直接修改/],
    ['my card number in the application is wrong', 'en-US', /can't be changed here/],
    ['change serial', 'en-US', /can't be changed here/],
    ['我手机号换了 新号码13912345678', 'zh-CN', /不能在这里直接修改.*转人工/],
    // The details changed since (was out of scope).
    ['我换手机号了', 'zh-CN', /不能在这里直接修改.*转人工/],
    ['银行卡换新卡了', 'zh-CN', /不能在这里直接修改.*转人工/],
    ['i got a new phone number', 'en-US', /can't be changed here/],
  ])('%j: a person corrects it, offered at once', async (text, locale, reply) => {
    const record = await submitted(`corrects ${text}`);
    const replies = await chat({}, undefined, { user: `Corrects ${text}` }).send({ text, locale });
    expect(texts(replies)).toEqual([expect.stringMatching(reply)]);
    expect(texts(replies)[0]).toContain(record.reference);
    expect(titles(replies[0])?.join()).toMatch(/人工|person/);
  });
});

describe('a merchant without their reference number', () => {
  it.each([['我没有单号', 'zh-CN', /申请单号在提交申请时的聊天消息和通知短信里都有/], ['I forgot it', 'en-US', /The reference number is in the chat message/]])('%s: told where to find it, with a person offered, at once', async (text, locale, where) => {
    const c = chat({}, undefined, { user: `no reference ${text}` });
    expect(texts(await c.send({ text: locale === 'en-US' ? 'check my application status' : '查询进度', locale })).join('\n')).toMatch(/PC-2611-7K3M9X/);
    const [reply, ...more] = await c.send({ text, locale });
    expect(reply.text).toMatch(where);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual([locale === 'en-US' ? 'Talk to a person' : '转人工客服']);
    expect(more).toEqual([]);
  });
});

describe('a question about their own case the classifier is unsure of', () => {
  it('"when will i hear back?" while the review runs: where that case stands, not a choice between FAQs', async () => {
    const user = 'Hear back';
    const record = await submitted(user.toLowerCase());
    const c = chat({}, undefined, { user });
    const replies = await c.send({ type: ActivityTypes.Message, text: 'when will i hear back?', locale: 'en-US' });
    expect(texts(replies).join('\n')).toContain(record.reference);
    expect(texts(replies).join('\n')).not.toMatch(/which of these did you mean/);
  });
});

describe('whether it is all done, asked in few words', () => {
  it.each(['is everything done?', 'so we are all done right?'])('%j once the case is closed: where it stands, not the FAQ on what to keep', async (text) => {
    const user = `All done ${text}`;
    const record = await submitted(user.toLowerCase());
    const c = chat({}, undefined, { user });
    for (const stage of ['under_review', 'approved', 'refund_agreed', 'refund_paid', 'verified', 'closed'] as const) {
      await c.cases.transition(record.reference, stage, stage === 'refund_agreed' ? `user:${user.toLowerCase()}` : 'backoffice:alice', stage === 'approved' ? { amount: 120, method: 'original_card' } : undefined);
    }
    const reply = texts(await c.send({ type: ActivityTypes.Message, text, locale: 'en-US' })).join('\n');
    expect(reply).toContain(record.reference);
    expect(reply).toMatch(/Status: closed/);
  });
});

describe('a thank-you before a question', () => {
  it.each(['thanks! how long now?', 'great thanks. what happens next?'])('%j while the review runs: where the case stands, not only "you\'re welcome"', async (text) => {
    const user = `Thanks then ${text}`;
    const record = await submitted(user.toLowerCase());
    const c = chat({}, undefined, { user });
    const reply = texts(await c.send({ type: ActivityTypes.Message, text, locale: 'en-US' })).join('\n');
    expect(reply).toContain(record.reference);
    expect(reply).toMatch(/Status: submitted, waiting for review/);
  });

  it('"thanks so much, and how do i cancel my pos?": the steps, not the FAQ on what cancelling costs', async () => {
    const c = chat({}, undefined, { user: 'Thanks then steps' });
    const reply = texts(await c.send({ type: ActivityTypes.Message, text: 'thanks so much, and how do i cancel my pos?', locale: 'en-US' })).join('\n');
    expect(reply).toMatch(/takes 6 steps/);
  });
});

import { ActivityTypes } from 'botbuilder';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';
import { titles } from '../helpers/bot';

/** A chat of a merchant of their own (the file shares one database) whose refund, approved with this method, is paid. */
async function paidRefund(method: string, user = method) {
  const c = chat({}, undefined, { user });
  // The chat's user id is its name in lower case (see botHarness).
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  await c.cases.transition(reference, 'under_review', 'backoffice:alice');
  await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method });
  await c.cases.transition(reference, 'refund_agreed', `user:${user}`);
  await c.cases.transition(reference, 'refund_paid', 'backoffice:alice');
  return c;
}

describe('"not yet" says what to look for, by the refund method', () => {
  it('cash: collected and counted at the counter, the receipt kept; no bank credit', async () => {
    const c = await paidRefund('cash');
    const [reply] = texts(await c.send('还没收到'));
    expect(reply).toMatch(/柜台领取[\s\S]*当面点清[\s\S]*收据/);
    expect(reply).not.toMatch(/入账|银行卡/);
  });

  it('a transfer: a credit of that amount on the card', async () => {
    const c = await paidRefund('bank_transfer');
    const [reply] = texts(await c.send('还没到账'));
    expect(reply).toMatch(/120\.00 元的入账/);
  });
});

describe('asking for progress at a question about the case', () => {
  it('asks the question again, which says where the case stands, and takes the answer after it', async () => {
    const c = await paidRefund('original_card');
    // The merchant comes back (their user id is the refund method, see paidRefund).
    const welcome = texts(await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'original_card', name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } }));
    expect(welcome.at(-1)).toMatch(/已经发出[\s\S]*请问收到了吗/);
    for (const asked of ['进度', '现在办到哪一步了']) {
      const [again, ...more] = texts(await c.send(asked));
      expect(again).toMatch(/已经发出[\s\S]*120\.00 元[\s\S]*请问收到了吗/);
      expect(more).toEqual([]);
    }
    expect(texts(await c.send('已经收到'))[0]).toMatch(/办结/);
  });
});

describe('a refund staff confirmed as arrived', () => {
  it('is told in the chat, with the last tips and what to do if it did not arrive', async () => {
    const user = 'verified by staff';
    const c = await paidRefund('original_card', user);
    const [record] = await c.cases.forUser(user.toLowerCase());
    const verified = await c.cases.transition(record.reference, 'verified', 'backoffice:alice');
    await c.events.raise({ ...(verified.owner.conversation as object), conversation: { id: c.conversationId() } } as Parameters<typeof c.events.raise>[0], { kind: 'caseUpdated', reference: record.reference }, 'zh-CN');
    await c.settle();
    expect(texts(c.drain())).toEqual([expect.stringMatching(/工作人员已经确认您的退款到账[\s\S]*不再使用的银行卡[\s\S]*还没收到这笔退款，请马上告诉我/)]);
  });
});

describe('"has it arrived?" answered with a plain yes', () => {
  it.each([
    ['是的', 'zh-CN', /办结/],
    ['yes i got it, thanks', 'en-US', /is complete/],
  ])('"%s" is the yes (where "好的" only acknowledges), and the case is closed', async (yes, locale, closed) => {
    const user = `plain yes ${locale}`;
    const c = await paidRefund('original_card', user);
    await c.send({ type: ActivityTypes.ConversationUpdate, locale, membersAdded: [{ id: user, name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: locale === 'en-US' ? 'ok' : '好的', locale })).join('\n')).not.toMatch(closed);
    expect(texts(await c.send({ type: ActivityTypes.Message, text: yes, locale }))[0]).toMatch(closed);
    expect((await c.cases.forUser(user.toLowerCase())).at(-1)?.status).toBe('closed');
  });
});

describe('the refund said to have arrived in two short sentences', () => {
  it.each([
    ['ok i see it now, got the money', 'en-US', /is complete/],
    ['看到了，钱到了', 'zh-CN', /办结/],
  ])('"%s" after "not yet" is the yes, and the case is closed', async (said, locale, closed) => {
    const user = `two yeses ${locale}`;
    const c = await paidRefund('original_card', user);
    await c.send({ type: ActivityTypes.Message, text: locale === 'en-US' ? 'not yet' : '还没有', locale });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))[0]).toMatch(closed);
    expect((await c.cases.forUser(user.toLowerCase())).at(-1)?.status).toBe('closed');
  });
});

/** A chat of a merchant of their own whose case is approved (120 元 back to the card), waiting for them to accept. */
async function approvedOffer(user: string) {
  const c = chat({}, undefined, { user });
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  await c.cases.transition(reference, 'under_review', 'backoffice:alice');
  await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
  return { c, reference };
}

describe('news of a case while another application is being filled in', () => {
  it('comes first, then the unfinished application is offered again, and goes on where it stopped', async () => {
    const user = 'second terminal news';
    const c = chat({}, undefined, { user });
    const { reference } = await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    for (const said of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三']) await c.send(said);
    const changed = await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.events.raise({ ...(changed.owner.conversation as object), conversation: { id: c.conversationId() } } as Parameters<typeof c.events.raise>[0], { kind: 'caseUpdated', reference }, 'zh-CN');
    await c.settle();
    expect(texts(c.drain())).toEqual([expect.stringMatching(new RegExp(`${reference}[\\s\\S]*已进入审核`)), expect.stringMatching(/刚才的注销申请还没填完/)]);
    expect(texts(await c.send('继续填写')).at(-1)).toMatch(/结算银行卡号/);
  });
});

describe('a thank-you while the case waits for an answer', () => {
  it.each([
    ['thanks bye', 'en-US', /offer stays open for you/],
    ['谢谢', 'zh-CN', /方案会一直为您保留/],
  ])('%j: the offer is left for later, said so, nothing recorded, and the next message is routed afresh', async (text, locale, later) => {
    const { c, reference } = await approvedOffer(`thanks later ${locale}`);
    await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale });
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(later)]);
    expect((await c.cases.get(reference))?.status).toBe('approved');
    expect(texts(await c.send({ text: locale === 'en-US' ? 'what materials do I need?' : '需要哪些材料', locale })).join('\n')).not.toMatch(/Please tap one of the buttons|请点下面的一个按钮/);
  });
});

describe('a question about the offer only a person answers', () => {
  it('"no thats too low, i want the full 299": who explains it, and the offer again with the way to a person beside its buttons', async () => {
    const { c, reference } = await approvedOffer('too low');
    const replies = await c.send({ text: 'no thats too low, i want the full 299', locale: 'en-US' });
    expect(replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toEqual(['Accept the refund', 'I have questions', 'Talk to a person']);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('whether the offered amount is final or can change', () => {
  it.each([
    ['这是最终金额吗', 'zh-CN', /转人工客服详细沟通/],
    ['退款金额能改吗', 'zh-CN', /转人工客服详细沟通/],
    ['金额还能再商量一下吗', 'zh-CN', /转人工客服详细沟通/],
    ['is this the final amount?', 'en-US', /A person can explain how the amount was worked out/],
    ['could the refund be raised a little?', 'en-US', /A person can explain how the amount was worked out/],
  ])('%j with the offer waiting, asked straight away or at its question: who explains it, the offer again with a person, nothing accepted', async (text, locale, explain) => {
    for (const atQuestion of [false, true]) {
      const { c, reference } = await approvedOffer(`settled ${atQuestion} ${text}`);
      if (atQuestion) await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale });
      const replies = await c.send({ text, locale });
      expect(texts(replies).join('\n')).toMatch(explain);
      const buttons = locale === 'en-US' ? ['Accept the refund', 'I have questions', 'Talk to a person'] : ['接受退款方案', '有疑问', '转人工客服'];
      expect(titles(replies.at(-1)!)?.sort()).toEqual(buttons.sort());
      expect((await c.cases.get(reference))?.status).toBe('approved');
    }
  });
});

describe('at the offer, in words', () => {
  it.each(['考虑好了 同意', '确认', '没问题 就按这个来', "ok I've thought it over, I accept", '可以的没问题', 'hello, i wanna accept the refund now', 'fine by me', 'ok go ahead and pay'])('%j accepts it', async (text) => {
    const { c, reference } = await approvedOffer(`decided ${text}`);
    await c.send('进度');
    await c.send({ text, locale: /[a-z]/.test(text) ? 'en-US' : 'zh-CN' });
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
  });

  it.each([
    ['我不同意这个金额', 'zh-CN', /转人工客服详细沟通/],
    ["i dont agree with the amount, too low", 'en-US', /A person can explain how the amount was worked out/],
  ])('%j is a dispute: who can explain it, noted on the case for staff, the offer still open', async (text, locale, explain) => {
    const { c, reference } = await approvedOffer(`disputes ${locale}`);
    await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale });
    const [reply] = await c.send({ text, locale });
    expect(reply.text).toMatch(explain);
    expect(titles(reply)).toEqual([expect.stringMatching(/转人工客服|Talk to a person/)]);
    const record = await c.cases.get(reference);
    expect(record?.status).toBe('approved');
    expect(record?.events.map((e) => e.type)).toContain('offer_disputed');
  });

  it.each([
    ['那我现在能把这张卡注销了吗', 'zh-CN', /1111[\s\S]*不要注销这张卡/],
    ['should i close my bank card now?', 'en-US', /1111[\s\S]*don't close that card/],
  ])('%j before the refund is confirmed: not that card, not yet', async (text, locale, keep) => {
    const { c } = await approvedOffer(`closes card ${locale}`);
    const [reply] = texts(await c.send({ text, locale }));
    expect(reply).toMatch(keep);
  });

  it('an FAQ asked at the offer offers no button that starts an application, which the offer would take for its answer', async () => {
    const { c } = await approvedOffer('asks materials at offer');
    await c.send('进度');
    const [faq, offer] = await c.send('需要什么材料');
    expect(faq.text).toMatch(/姓名/);
    expect(titles(faq)).not.toContain('现在开始注销');
    expect(offer.text).toMatch(/接受这个退款方案/);
  });

  it('"我先考虑考虑" leaves it for later, said so; "机器要寄回去吗" (about something else) is told it is not known here, and the offer asked again', async () => {
    const { c, reference } = await approvedOffer('thinks it over');
    await c.send('进度');
    const [notKnown, offer] = texts(await c.send('机器要寄回去吗'));
    expect(notKnown).toMatch(/超出了我能回答的范围/);
    expect(offer).toMatch(/接受这个退款方案/);
    expect(texts(await c.send('我先考虑考虑'))).toEqual([expect.stringMatching(/方案会一直为您保留/)]);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('"然后呢" with a case under way', () => {
  it('at the offer, or coming back to it: the offer, not the review-time FAQ', async () => {
    const { c } = await approvedOffer('what next offer');
    const replies = texts(await c.send('你好 我收到短信说审核通过了 然后呢'));
    expect(replies).toEqual([expect.stringMatching(/已审核通过[\s\S]*接受这个退款方案/)]);
    expect(texts(await c.send('然后呢'))).toEqual([expect.stringMatching(/接受这个退款方案/)]);
  });

  it('while the review runs: where it stands', async () => {
    const user = 'what next review';
    const { reference } = await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    expect(texts(await c.send({ text: "ok, what's next?", locale: 'en-US' }))[0]).toMatch(new RegExp(`Reference \\*\\*${reference}`));
  });

  it('"when do i get paid" once the refund is agreed: that refund\'s own facts, not out of scope', async () => {
    const user = 'when paid agreed';
    const { reference } = await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.cases.transition(reference, 'refund_agreed', `user:${user}`);
    const [reply] = texts(await c.send({ text: 'when do i get paid', locale: 'en-US' }));
    expect(reply).toMatch(new RegExp(`Reference \\*\\*${reference}[\\s\\S]*Refund to be paid by`));
  });

  it('"那我现在能做什么" while the review runs: where it stands, not the list of what the bot can do', async () => {
    const user = 'what can i do review';
    const { reference } = await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    const [reply, ...more] = texts(await c.send('那我现在能做什么'));
    expect(more).toEqual([]);
    expect(reply).toMatch(new RegExp(`申请单号 \\*\\*${reference}[\\s\\S]*等待审核`));
  });

  it('"anything else i need to do?" once the refund is paid: whether it arrived, not the FAQ on materials', async () => {
    const c = await paidRefund('original_card', 'what else paid');
    expect(texts(await c.send({ text: 'anything else i need to do?', locale: 'en-US' }))).toEqual([expect.stringMatching(/has been paid[\s\S]*Has it arrived\?/)]);
  });
});

describe('once the application is done', () => {
  it('"接下来呢", "我还需要做什么吗": nothing more is owed, and the wrap-up; not the rejection FAQ', async () => {
    const c = await paidRefund('original_card', 'done what next');
    expect(texts(await c.send('钱收到了'))[0]).toMatch(/办结/);
    for (const asked of ['接下来呢', '我还需要做什么吗', '你好 还有什么手续要办吗']) {
      const [reply, ...more] = texts(await c.send(asked));
      expect(more).toEqual([]);
      expect(reply).toMatch(/已经办结，不需要您再做什么了[\s\S]*交易记录[\s\S]*开户银行/);
      expect(reply).not.toMatch(/没有通过审核/);
    }
  });

  it('"do I still need to do anything?": nothing more is owed', async () => {
    const c = await paidRefund('original_card', 'done anything left');
    await c.send({ text: 'yes it arrived', locale: 'en-US' });
    expect(texts(await c.send({ text: 'hey, do I still need to do anything?', locale: 'en-US' }))).toEqual([expect.stringMatching(/complete[\s\S]*nothing more/i)]);
  });

  it('"should i close my card now": it can be closed now, at its bank; not "have you checked the refund?"', async () => {
    const c = await paidRefund('bank_transfer', 'done close card');
    await c.send({ text: 'yes it arrived', locale: 'en-US' });
    const replies = await c.send({ text: 'should i close my card now', locale: 'en-US' });
    expect(texts(replies)).toEqual([expect.stringMatching(/refund has been confirmed[\s\S]*can now close[\s\S]*bank that issued/)]);
    expect(titles(replies[0])).not.toContain('How do I verify my refund?');
  });

  it('"那我的银行卡要注销吗" once staff confirmed the refund arrived: it can be closed now, not "check the refund first"', async () => {
    const c = await paidRefund('original_card', 'staff verified close card');
    const [record] = await c.cases.forUser('staff verified close card');
    await c.cases.transition(record.reference, 'verified', 'backoffice:alice');
    const replies = await c.send('那我的银行卡要注销吗');
    expect(texts(replies)).toEqual([expect.stringMatching(/退款已经确认到账[\s\S]*现在可以注销不再使用的银行卡/)]);
    expect(titles(replies[0])).not.toContain('如何核对退款到账');
  });
});

describe('the reference number asked for', () => {
  it.each([
    ['whats my application number', 'en-US'],
    ['我的申请单号是多少', 'zh-CN'],
  ])('%j with the offer waiting: the offer again, which names it; not the materials FAQ', async (text, locale) => {
    const { c, reference } = await approvedOffer(`asks reference ${locale}`);
    const replies = texts(await c.send({ type: ActivityTypes.Message, text, locale }));
    expect(replies.join('\n')).toContain(reference);
    expect(replies.join('\n')).not.toMatch(/please have the following ready|需要准备/);
  });
});

describe('which card the refund goes to', () => {
  it.each([
    ['is it to the same card I gave?', 'en-US', /settlement bank card you gave in your application \(\*\*\*\* \*\*\*\* \*\*\*\* 1111\)/, /accept this refund/],
    ['退到哪张卡？', 'zh-CN', /结算银行卡（\*\*\*\* \*\*\*\* \*\*\*\* 1111）/, /接受这个退款方案/],
    // The card gone, or where the money goes, asked (were the refund-method FAQ).
    ['卡丢了 钱退到哪', 'zh-CN', /结算银行卡（\*\*\*\* \*\*\*\* \*\*\*\* 1111）/, /接受这个退款方案/],
    ['where does the money go?', 'en-US', /settlement bank card you gave in your application/, /accept this refund/],
  ])('%j at the offer: the card it was applied with (last 4 digits), and the offer again, still open', async (text, locale, card, offer) => {
    const { c, reference } = await approvedOffer(`which card ${locale} ${text.length}`);
    expect(texts(await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale })).join('\n')).toMatch(offer);
    const [said, again] = texts(await c.send({ text, locale }));
    expect(said).toMatch(card);
    expect(again).toMatch(offer);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it('"I have questions" (the offer\'s other button) keeps the offer open and asks for the questions', async () => {
    const { c, reference } = await approvedOffer('has questions');
    await c.send({ text: 'status', locale: 'en-US' });
    const [reply] = await c.send({ text: 'I have questions', locale: 'en-US' });
    expect(reply.text).toMatch(/offer stays open for you\. Ask me anything about it/);
    expect(titles(reply)).toEqual(['Talk to a person', 'How is the refund paid?']);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('a refusal in words is never taken for acceptance, whatever yes-words it holds', () => {
  // A plain no is told the offer stays open; a dispute of the amount who can explain how it was worked out.
  const KEPT = /方案先不确认，会一直为您保留|not accepted for now; the offer stays open/;
  const EXPLAINED = /想了解金额是怎么算的/;
  it.each([
    ['不太同意', 'zh-CN', KEPT],
    ['金额不对，太少了', 'zh-CN', EXPLAINED],
    ['不认可这个金额', 'zh-CN', KEPT],
    ["I don't agree", 'en-US', KEPT],
    ['I disagree', 'en-US', KEPT],
    ["I can't accept this", 'en-US', KEPT],
    ['the amount is unacceptable', 'en-US', KEPT],
  ])('%s: not accepted, a person offered, the case still waits', async (text, locale, told) => {
    const { c, reference } = await approvedOffer(`decline ${text}`);
    const [reply] = await c.send({ text, locale });
    expect(reply.text).toMatch(told);
    expect(titles(reply)).toContain(locale === 'en-US' ? 'Talk to a person' : '转人工客服');
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it.each([['没问题才怪', 'zh-CN'], ["no, I don't think I agree with it", 'en-US']])('%s at the offer: no answer, nothing recorded', async (text, locale) => {
    const { c, reference } = await approvedOffer(`unclear ${text}`);
    expect(texts(await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale })).join('\n')).toMatch(/接受这个退款方案|accept this refund/);
    const replies = texts(await c.send({ text, locale })).join('\n');
    expect(replies).not.toMatch(/已记录|recorded/);
    // Told what answers it: the button, or "我接受" in so many words.
    expect(replies).toMatch(/需要您明确同意：请点“接受退款方案”，或回复“我接受”|I need a clear yes: tap "Accept the refund" or reply "I accept"/);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it.each([
    ['好的', 'zh-CN'],
    ['嗯嗯', 'zh-CN'],
    ['行吧我再看看', 'zh-CN'],
    ['同意 等我问问我老公', 'zh-CN'],
    ['ok thanks', 'en-US'],
    ['sounds good, give me a day', 'en-US'],
    ['I agree it is low', 'en-US'],
  ])('%s at the offer only acknowledges it, or hedges: nothing is signed', async (text, locale) => {
    const { c, reference } = await approvedOffer(`ack ${text}`);
    expect(texts(await c.send({ text, locale })).join('\n')).not.toMatch(/已记录您对退款方案的确认|acceptance of the refund has been recorded/);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it.each([
    ['好吧可以', 'zh-CN', /明确同意[\s\S]*我接受/, ['接受退款方案', '有疑问']],
    ['ok', 'en-US', /clear yes[\s\S]*I accept/, ['Accept the refund', 'I have questions']],
  ])('a bare yes %j at the offer is told that accepting needs its button or "I accept", with the buttons', async (text, locale, told, buttons) => {
    const { c, reference } = await approvedOffer(`bare yes ${text}`);
    await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: `bare yes ${text}`.toLowerCase(), name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } });
    const [reply, ...more] = await c.send({ text, locale });
    expect(reply.text).toMatch(told);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(buttons);
    expect(more).toEqual([]);
    expect((await c.cases.get(reference))?.status).toBe('approved');
    const [agreed] = texts(await c.send({ text: locale === 'en-US' ? 'I accept' : '我接受', locale }));
    expect(agreed).toMatch(/已记录您对退款方案的确认|acceptance of the refund has been recorded/);
    // Which offer it was, should there be two.
    expect(agreed).toContain(reference);
    expect(agreed).toMatch(/120\.00/);
  });

  it('a bare yes after the refund was paid is told how to say it arrived; "钱到了" then closes the case', async () => {
    const c = await paidRefund('original_card', 'bare yes paid');
    await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bare yes paid', name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } });
    const [reply] = texts(await c.send('嗯嗯'));
    expect(reply).toMatch(/到账了没有[\s\S]*钱到了/);
    expect(texts(await c.send('钱到了'))[0]).toMatch(/办结/);
  });

  it.each([['没问题，我接受', 'zh-CN'], ['sounds good, I accept', 'en-US']])('%s: accepted', async (text, locale) => {
    const { c, reference } = await approvedOffer(`accept ${text}`);
    expect(texts(await c.send({ text, locale }))[0]).toMatch(/已记录您对退款方案的确认|acceptance of the refund has been recorded/);
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
  });
});

describe('what arrived, said as a sum or as an acknowledgement', () => {
  it.each([
    ['收到短信了', 'zh-CN'],
    ['好的谢谢', 'zh-CN'],
    ['got it, thanks', 'en-US'],
    ['ok', 'en-US'],
  ])('%s after the refund was paid closes nothing', async (text, locale) => {
    const c = await paidRefund('original_card', `ack paid ${text}`);
    const reference = (await c.cases.forUser(`ack paid ${text}`.toLowerCase()))[0].reference;
    await c.send({ text, locale });
    expect((await c.cases.get(reference))?.status).toBe('refund_paid');
  });

  it.each([
    ['到了，是100', 'zh-CN'],
    ['100到了', 'zh-CN'],
    ['收到一百块', 'zh-CN'],
    ['只到了八十', 'zh-CN'],
    ['I got 100 only', 'en-US'],
    ['it arrived but it is 100', 'en-US'],
  ])('%s (120 agreed) is a disputed amount, for a person; the case stays open', async (text, locale) => {
    const c = await paidRefund('original_card', `sum ${text}`);
    const reference = (await c.cases.forUser(`sum ${text}`.toLowerCase()))[0].reference;
    expect(texts(await c.send({ text, locale })).join('\n')).toMatch(/对不上|doesn't match|does not match/);
    expect((await c.cases.get(reference))?.status).toBe('refund_paid');
  });

  it.each([['收到120了', 'zh-CN'], ['收到一百二十元', 'zh-CN'], ['收到一百二', 'zh-CN'], ['got 120', 'en-US']])('%s (120 agreed) closes the case', async (text, locale) => {
    const c = await paidRefund('original_card', `right sum ${text}`);
    const reference = (await c.cases.forUser(`right sum ${text}`.toLowerCase()))[0].reference;
    await c.send({ text, locale });
    expect((await c.cases.get(reference))?.status).toBe('closed');
  });
});

describe('the refund is confirmed only by a plain "it arrived"', () => {
  it.each([
    ["I haven't got it", 'en-US'],
    ['no it didn\'t come', 'en-US'],
    ['没有到账', 'zh-CN'],
  ])('%s: not yet', async (text, locale) => {
    const c = await paidRefund('original_card', `not yet ${text}`);
    const [reply] = texts(await c.send({ text, locale }));
    expect(reply).toMatch(/请在 \*\*.+\*\* 前留意|look out for|before/);
    expect(reply).not.toMatch(/办结|complete/);
  });

  it.each([
    ['收到了但是金额不对', 'zh-CN'],
    ['received it but the amount is wrong', 'en-US'],
    ['received 150 instead of 120', 'en-US'],
    ['yes got it, but it was only 100', 'en-US'],
    ['yeah but the amount is less', 'en-US'],
    ['got it but amount doesnt match', 'en-US'],
    ['收到了，不过只到了100块', 'zh-CN'],
    ['到账了，是100元', 'zh-CN'],
  ])('%s: a person looks into it, the case stays open', async (text, locale) => {
    const c = await paidRefund('original_card', `disputed ${text}`);
    const [reply] = texts(await c.send({ text, locale }));
    expect(reply).toMatch(/需要人工客服帮您核实|a person needs to look into it/);
    const [record] = await c.cases.forUser(`disputed ${text}`.toLowerCase());
    expect(record.status).toBe('refund_paid');
    expect(record.events.at(-1)?.type).toBe('refund_amount_disputed');
  });

  it.each([
    ['收到了 但是只有100', '收到了', 'zh-CN', /工作人员正在核实/],
    ['yes but only 100 came', 'ok it arrived', 'en-US', /our staff are checking/],
  ])('%s, then %s: the dispute stands, for a person; the case is not closed', async (short, later, locale, checking) => {
    const user = `short then ${locale}`;
    const c = await paidRefund('original_card', user);
    await c.send({ text: short, locale });
    const replies = await c.send({ text: later, locale });
    expect(texts(replies).join('\n')).toMatch(checking);
    expect(texts(replies).join('\n')).not.toMatch(/办结|complete/);
    const [record] = await c.cases.forUser(user.toLowerCase());
    expect(record.status).toBe('refund_paid');
  });

  it.each([['到了', 'zh-CN'], ['yes it came', 'en-US'], ['the money is in my account', 'en-US'], ['12月1日到账了，120元', 'zh-CN'], ['yes the money came in', 'en-US']])('%s: confirmed, the case closes', async (text, locale) => {
    const c = await paidRefund('original_card', `arrived ${text}`);
    expect(texts(await c.send({ text, locale }))[0]).toMatch(/办结|complete/);
  });
});

describe('whether the merchant is told when the refund is sent, asked at the offer', () => {
  it.each([
    ['will i be told when the refund is sent', 'en-US', /I'll tell you here/, /Do you accept this refund\?|accept this refund/],
    ['退款打过来会通知我吗', 'zh-CN', /我会在这里通知您/, /是否接受这个退款方案/],
  ])('%j: how news of it comes and how to check it, then the offer again (was who explains the offer)', async (text, locale, told, offer) => {
    const user = `told when ${locale}`;
    const { c } = await approvedOffer(user);
    // Back in the chat: the offer is asked, and waits.
    await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: user.toLowerCase(), name: user }], recipient: { id: 'bot', name: 'bot' }, locale });
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(told), expect.stringMatching(offer)]);
  });
});

describe('how to check the refund, asked once it is agreed (not yet paid)', () => {
  it.each([
    ['到账了怎么核对', 'zh-CN', /银行柜台/],
    ['how do i check the refund arrived', 'en-US', /Bank counter/],
  ])('%j: how to check it (was where the case stands, which only says a reminder will come)', async (text, locale, how) => {
    const { c } = await approvedOffer(`verify agreed ${locale}`);
    await c.send({ text: locale === 'en-US' ? 'I accept' : '我接受', locale });
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(how)]);
  });
});

describe('when the agreed refund comes, asked in few words', () => {
  it('"when will i get it" after accepting: that refund\'s own progress, not a choice of FAQs', async () => {
    const { c } = await approvedOffer('when agreed');
    await c.send({ text: 'ok fine i accept', locale: 'en-US' });
    expect(texts(await c.send({ text: 'when will i get it', locale: 'en-US' })).join('\n')).toMatch(/refund agreed, waiting for payment/);
  });
});

describe('when the refund comes, asked before it is agreed or once it is paid', () => {
  it('"啥时候到账" at the offer: it is paid once accepted, then the offer to accept (not out of scope)', async () => {
    const { c } = await approvedOffer('when offered');
    const replies = await c.send('啥时候到账');
    expect(texts(replies)).toEqual([expect.stringMatching(/接受退款方案之后[\s\S]*以退款协议写明的为准/), expect.stringMatching(/请确认是否接受/)]);
    expect(titles(replies.at(-1)!)).toEqual(['接受退款方案', '有疑问']);
  });

  it('"钱啥时候能到" once paid: by when it is expected, then "has it arrived?"; nothing recorded', async () => {
    const c = await paidRefund('original_card', 'when paid');
    const replies = texts(await c.send('钱啥时候能到'));
    expect(replies).toEqual([expect.stringMatching(/预计在 \*\*.+\*\* 前到账/), expect.stringMatching(/请问收到了吗/)]);
    const [record] = await c.cases.forUser('when paid');
    expect(record.events.map((e) => e.type)).not.toContain('refund_not_arrived');
  });

  it('"多久能到账啊" at "has it arrived?": when, and the question again', async () => {
    const c = await paidRefund('original_card', 'when paid asked');
    await c.send('进度');
    expect(texts(await c.send('多久能到账啊'))).toEqual([expect.stringMatching(/预计在/), expect.stringMatching(/请问收到了吗/)]);
  });

  it.each([
    ['钱怎么还不来', 'zh-CN', /预计在 \*\*.+\*\* 前到账/, /请问收到了吗/],
    ['咋这么慢啊', 'zh-CN', /预计在 \*\*.+\*\* 前到账/, /请问收到了吗/],
    ['why is the money so late?', 'en-US', /expect it by/, /Has it arrived\?/],
    ['its taking forever', 'en-US', /expect it by/, /Has it arrived\?/],
  ])('%j once paid, before it is due: by when it is expected, then "has it arrived?"', async (text, locale, when, asked) => {
    const c = await paidRefund('original_card', `late ${text}`);
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(when), expect.stringMatching(asked)]);
  });

  it('"多久能到账" once agreed: its payment\'s due day', async () => {
    const { c } = await approvedOffer('when agreed zh');
    await c.send('接受退款方案');
    expect(texts(await c.send('多久能到账')).join('\n')).toMatch(/预计在 .+ 前发放退款/);
  });
});

describe('the offer thought over', () => {
  it.each(['我要跟老婆商量下', '我考虑下'])('%j: it waits, kept for later; no withdrawal, no "accept in so many words"', async (text) => {
    const { c, reference } = await approvedOffer(`think over ${text}`);
    expect(texts(await c.send(text))).toEqual([expect.stringMatching(/方案会一直为您保留/)]);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('a changed refund method asked for once the offer is accepted', () => {
  it('"我想改成退现金": recorded for good here, a person to change it (not only where it stands)', async () => {
    const { c } = await approvedOffer('cash after agreed');
    await c.send('接受退款方案');
    const [reply] = await c.send('我想改成退现金');
    expect(reply.text).toMatch(/没法撤销/);
    expect(titles(reply)).toEqual(['转人工客服']);
  });
});

describe('"完事了吗" once the refund is confirmed', () => {
  it('where the case stands, not out of scope', async () => {
    const c = await paidRefund('original_card', 'all done asked');
    const [record] = await c.cases.forUser('all done asked');
    await c.cases.transition(record.reference, 'verified', 'backoffice:alice');
    expect(texts(await c.send('完事了吗')).join('\n')).toMatch(/退款已确认到账/);
  });
});

describe('what an answer to the case means, asked', () => {
  it('"接受是啥意思" at the offer: what accepting is, with its buttons; nothing signed', async () => {
    const { c, reference } = await approvedOffer('accept meaning');
    await c.send('进度');
    for (const asked of ['接受是啥意思', '接受了会怎样']) {
      const [reply, ...more] = await c.send(asked);
      expect(more).toEqual([]);
      expect(reply.text).toMatch(/接受退款方案就是确认退款协议/);
      expect(titles(reply)).toEqual(['接受退款方案', '有疑问']);
    }
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it('"接受是啥意思" in a new chat, the offer not asked yet: the same, nothing signed', async () => {
    const { c, reference } = await approvedOffer('accept meaning new chat');
    expect(texts(await c.send('接受是啥意思'))).toEqual([expect.stringMatching(/接受退款方案就是确认退款协议/)]);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it('"已经收到是什么意思" at "has it arrived?": how to answer it; the case stays open', async () => {
    const c = await paidRefund('original_card', 'arrived meaning');
    await c.send('进度');
    expect(texts(await c.send('已经收到是什么意思'))).toEqual([expect.stringMatching(/请告诉我退款到账了没有/)]);
    const [record] = await c.cases.forUser('arrived meaning');
    expect(record.status).toBe('refund_paid');
  });
});

describe('whether the refund arrived, asked of the bot or said unsure', () => {
  it.each(['到了吧', '是不是到账了'])('%j: how to check it, then "has it arrived?"; the case stays open', async (said) => {
    const c = await paidRefund('original_card', `arrived asked ${said}`);
    const replies = texts(await c.send(said));
    expect(replies).toEqual([expect.stringMatching(/金额与退款一致的入账/), expect.stringMatching(/请问收到了吗/)]);
    const [record] = await c.cases.forUser(`arrived asked ${said}`);
    expect(record.status).toBe('refund_paid');
  });

  it('"是不是到账了" at "has it arrived?": the same, and "到了" next closes it', async () => {
    const c = await paidRefund('original_card', 'arrived asked at question');
    await c.send('进度');
    expect(texts(await c.send('是不是到账了')).at(-1)).toMatch(/请问收到了吗/);
    expect(texts(await c.send('到了'))[0]).toMatch(/办结/);
  });
});

describe('a zero balance asked about', () => {
  it.each([['我看余额是0 是不是就是成功了', 'zh-CN', /余额为零并不代表退款成功/], ['the balance on my card is 0 now, does that mean the refund worked?', 'en-US', /credit matching the refund amount/]])('%j: proves nothing; the credit of the sum does', async (text, locale, answer) => {
    const c = await paidRefund('original_card', `zero ${locale}`);
    expect(texts(await c.send({ text, locale })).join('\n')).toMatch(answer);
    const [record] = await c.cases.forUser(`zero ${locale}`.toLowerCase());
    expect(record.status).toBe('refund_paid');
  });
});

describe('words about a case at a stage that does not wait for them', () => {
  it.each([['我接受', 'zh-CN'], ['钱到了', 'zh-CN'], ['还没到账', 'zh-CN'], ['I accept', 'en-US']])('%s while the case is only submitted: where it stands', async (text, locale) => {
    const user = `submitted ${text}`;
    const c = chat({}, undefined, { user });
    const record = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const replies = texts(await c.send({ text, locale })).join('\n');
    expect(replies).toContain(record.reference);
    expect(replies).toMatch(/已提交|submitted/i);
    expect(replies).not.toMatch(/人工客服|a person/);
    expect((await c.cases.get(record.reference))?.status).toBe('submitted');
  });

  it.each([['我不想注销了，撤回申请', 'zh-CN'], ['I want to withdraw my application', 'en-US']])('%s: a person withdraws it, offered with the reference', async (text, locale) => {
    const user = `withdraw ${text}`;
    const c = chat({}, undefined, { user });
    const record = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const [reply, ...more] = await c.send({ text, locale });
    expect(reply.text).toContain(record.reference);
    expect(reply.text).toMatch(/撤回申请需要人工客服|Withdrawing it needs a person/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual([locale === 'en-US' ? 'Talk to a person' : '转人工客服']);
    expect(more).toEqual([]);
    expect((await c.cases.get(record.reference))?.status).toBe('submitted');
  });

  it.each([
    ['我不想注销了', '是的', 'zh-CN'],
    ['I want to withdraw my application', 'ok', 'en-US'],
  ])('%s, then %j: the person offered for the withdrawal', async (text, yes, locale) => {
    const user = `withdraw then yes ${text}`;
    const c = chat({ BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' }, undefined, { user });
    await c.handoffs.heartbeat('alice');
    await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    await c.send({ text, locale });
    expect(await c.active()).toBeUndefined();
    await c.send({ text: yes, locale });
    expect(await c.active()).toMatchObject({ state: 'queued' });
  });

  it.each([
    ['撤回申请', '不用了', 'zh-CN', /好的，那就先不转人工/],
    ['I want to withdraw my application', 'no thanks', 'en-US', /OK, no person then/],
  ])('%s, then %j: no person, what else can be done, and the case goes on', async (text, no, locale, reply) => {
    const user = `withdraw then no ${text}`;
    const c = chat({}, undefined, { user });
    const record = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    await c.send({ text, locale });
    const answer = await c.send({ text: no, locale });
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(titles(answer[0])).toHaveLength(4);
    expect(await c.active()).toBeUndefined();
    expect((await c.cases.get(record.reference))?.status).toBe('submitted');
  });
});

describe('a question at the offer that the offer itself answers', () => {
  it.each([['退多少钱？', 'zh-CN', /退款金额：\*\*120\.00 元\*\*/], ['how much will I get back?', 'en-US', /CNY 120\.00/]])('%s: the offer again', async (text, locale, offer) => {
    const { c, reference } = await approvedOffer(`asks ${text}`);
    expect(texts(await c.send({ text: locale === 'en-US' ? 'status' : '进度', locale })).join('\n')).toMatch(offer);
    const replies = texts(await c.send({ text, locale })).join('\n');
    expect(replies).toMatch(offer);
    expect(replies).not.toMatch(/请点下面的一个按钮|tap one of the buttons/);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('after a rejection', () => {
  /** A chat of a merchant of their own whose case was rejected for `reason` (its news already shown). */
  async function rejected(user: string, reason: string) {
    const c = chat({}, undefined, { user });
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'rejected', 'backoffice:alice', { reason });
    c.drain();
    return { c, reference };
  }

  it.each([['我要重新申请', 'zh-CN', /我们重新申请[\s\S]*documents missing/], ["I'd like to apply again", 'en-US', /let's apply again[\s\S]*documents missing/]])('%s starts the application again, filled in from the rejected one, with why it was not approved', async (text, locale, steps) => {
    const { c } = await rejected(`rejected ${text}`, 'documents missing');
    expect(texts(await c.send({ text, locale })).join('\n')).toMatch(steps);
  });

  it('"but the SN is correct!! i checked it 3 times", "机身号明明是对的": a review of the decision, by a person', async () => {
    for (const [text, locale, reply] of [['but the SN is correct!! i checked it 3 times', 'en-US', /ask for the decision to be reviewed/], ['机身号明明是对的', 'zh-CN', /转人工客服申请复核/]] as const) {
      const { c } = await rejected(`disputes rejection ${locale}`, 'serial number does not match our records');
      const [answer] = await c.send({ text, locale });
      expect(answer.text).toMatch(reply);
      expect(titles(answer)).toHaveLength(1);
    }
  });

  it('"为什么被拒了" is answered with the case\'s own reason', async () => {
    const { c, reference } = await rejected('rejected why', '营业执照照片不清楚');
    const replies = texts(await c.send('为什么被拒了')).join('\n');
    expect(replies).toContain(reference);
    expect(replies).toContain('原因：营业执照照片不清楚');
  });

  it('"可以重新申请吗" is about this rejection (its reason and the button that applies again), not a choice with applying for a terminal', async () => {
    const { c, reference } = await rejected('rejected may reapply', 'documents missing');
    const [reply, ...more] = await c.send('可以重新申请吗');
    expect(more).toEqual([]);
    expect(reply.text).toContain(reference);
    expect(titles(reply)).toContain('重新申请');
    expect(titles(reply)).not.toContain('如何申请POS机');
  });

  it('"被驳回了还能再申请吗" is the question, answered from the FAQ', async () => {
    const { c } = await rejected('rejected asks', 'documents missing');
    expect(texts(await c.send('被驳回了还能再申请吗')).join('\n')).not.toMatch(/6 步/);
  });
});

describe('a step taken for good, said otherwise afterwards', () => {
  it('"等等，我点错了，我不同意这个金额" after accepting: for a person, nothing withdrawn', async () => {
    const { c, reference } = await approvedOffer('retract offer');
    await c.send('接受退款方案');
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
    const replies = texts(await c.send('等等，我点错了，我不同意这个金额')).join('\n');
    expect(replies).toMatch(/没法撤销/);
    expect(replies).not.toMatch(/撤回申请需要/);
  });

  it.each([
    ['退款金额还能改吗', 'zh-CN', /没法撤销[\s\S]*转人工客服/],
    ['is the amount final now?', 'en-US', /can't be undone here[\s\S]*a person can check it/],
  ])('%j once the offer is accepted: recorded for good, a person to put it right', async (text, locale, answer) => {
    const { c, reference } = await approvedOffer(`settled after ${locale}`);
    await c.send({ text: locale === 'en-US' ? 'Accept the refund' : '接受退款方案', locale });
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
    const [reply] = await c.send({ text, locale });
    expect(reply.text).toMatch(answer);
    expect(titles(reply)).toEqual([locale === 'en-US' ? 'Talk to a person' : '转人工客服']);
  });

  it('"钱还没看到" after the case was closed: for a person', async () => {
    const c = await paidRefund('original_card', 'retract arrival');
    await c.send('到账了');
    expect(texts(await c.send('钱还没看到')).join('\n')).toMatch(/没法撤销/);
  });
});

describe('the offer named in a question the classifier is unsure of', () => {
  it('"whats the deal with my refund offer" with the offer waiting: that offer, to accept, not a choice between FAQs', async () => {
    const { c, reference } = await approvedOffer('deal with offer');
    const replies = await c.send({ text: 'hey so whats the deal with my refund offer', locale: 'en-US' });
    expect(texts(replies).join('\n')).toMatch(/has been approved[\s\S]*CNY 120\.00/);
    expect(titles(replies.at(-1)!)).toEqual(['Accept the refund', 'I have questions']);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('the offer put off to ask someone first', () => {
  it('"brb gotta check with my wife": the offer stays open, no demand for a clear yes', async () => {
    const { c, reference } = await approvedOffer('check with wife');
    await c.send({ text: 'status', locale: 'en-US' });
    const replies = texts(await c.send({ text: 'brb gotta check with my wife', locale: 'en-US' }));
    expect(replies.join('\n')).toMatch(/offer stays open/);
    expect(replies.join('\n')).not.toMatch(/clear yes/);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('keeping the terminal after all, said in words', () => {
  it('"do i keep using the pos until approved?" while the review runs asks about the wait, no withdrawal', async () => {
    const user = 'keeps using meanwhile';
    const { reference } = await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    const replies = texts(await c.send({ text: 'do i keep using the pos until approved?', locale: 'en-US' })).join('\n');
    expect(replies).not.toMatch(/Withdrawing it/);
    expect(replies).toContain(reference);
  });

  it('"actually i want to keep the terminal, can i stop this?" at the offer: a person withdraws it, nothing accepted', async () => {
    const { c, reference } = await approvedOffer('keeps terminal');
    await c.send({ text: 'status', locale: 'en-US' });
    const replies = await c.send({ text: 'actually i want to keep the terminal, can i stop this?', locale: 'en-US' });
    expect(texts(replies).join('\n')).toMatch(/Withdrawing it needs a person/);
    expect(titles(replies.at(-1)!)).toEqual(['Talk to a person']);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });

  it('"can i still cancel the cancellation?" while the review runs: the same', async () => {
    const user = 'Cancels cancellation';
    await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    const replies = await c.send({ text: 'can i still cancel the cancellation? i want to keep the machine now', locale: 'en-US' });
    expect(texts(replies).join('\n')).toMatch(/Withdrawing it needs a person/);
  });
});

import { ActivityTypes } from 'botbuilder';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const ALWAYS = { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' };
const en = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'en-US' });
const DAY = 86_400_000;

/** A chat of its own merchant at the name question, in English or Chinese. */
async function atName(user: string, lang: 'en' | 'zh', env: Record<string, string> = {}) {
  const c = chat(env, undefined, { user });
  const steps = lang === 'en' ? ['cancel my pos', 'yes', 'last month', 'device fault'].map(en) : ['我要注销POS机', '开始办理', '上个月', '设备故障'];
  for (const said of steps) await c.send(said);
  return c;
}

/** A merchant of their own whose case has its refund paid (or only agreed), the chat's clock `days` on. */
async function atRefund(user: string, { paid = true } = {}) {
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  const { cases } = chat({}, undefined, { user });
  await cases.transition(reference, 'under_review', 'backoffice:alice');
  await cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
  await cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
  if (paid) await cases.transition(reference, 'refund_paid', 'backoffice:alice');
  let offset = 0;
  const c = chat(ALWAYS, undefined, { user, now: () => new Date(Date.now() + offset) });
  return { c, reference, later: (days: number) => (offset += days * DAY) };
}

describe('several answers in one English message at the name question', () => {
  it('"Bob Chan, card …, serial …, phone …" fills them in (not the FAQ on where the serial is)', async () => {
    const c = await atName('together en serial', 'en');
    const replies = texts(await c.send(en('Bob Chan, card 4111 1111 1111 1111, serial SN55667788, phone 13812345678')));
    expect(replies.join('\n')).not.toMatch(/label on the back/);
    expect(replies.at(-1)).toMatch(/email/);
  });
});

describe('no email, said with the word email', () => {
  it.each([
    ['不要邮箱', 'zh'],
    ['邮箱就不要了', 'zh'],
    ['no need for email', 'en'],
  ] as const)('%j at the email question leaves it empty and shows the summary', async (said, lang) => {
    const c = await atName(`skip email ${said}`, lang);
    for (const answer of ['李娜', '4111111111111111', 'SN12345678', '13800138000']) await c.send(lang === 'en' ? en(answer) : answer);
    const summary = texts(await c.send(lang === 'en' ? en(said) : said)).at(-1);
    expect(summary).toMatch(lang === 'en' ? /Please check your application/ : /请核对您的申请信息/);
  });
});

describe('a yes to the person offered about the refund', () => {
  it.each([
    ['好的', 'zh-CN', /没有可以接待的人工客服/],
    ['yes please', 'en-US', /no one is free to take the chat/],
  ])('%j after "it is overdue, a person can look into it": the person, not the question again', async (yes, locale) => {
    const { c, later } = await atRefund(`overdue yes ${locale}`);
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(locale === 'en-US' ? 'not yet' : '还没收到');
    later(10);
    expect(texts(await say(locale === 'en-US' ? 'still nothing' : '还是没收到')).join('\n')).toMatch(locale === 'en-US' ? /overdue/ : /超时/);
    expect(texts(await say(yes))).toEqual([expect.stringMatching(locale === 'en-US' ? /no one is free to take the chat/ : /没有可以接待的人工客服/)]);
  });

  it('"好的" after the amount that arrived is disputed: the person', async () => {
    const { c } = await atRefund('amount disputed yes');
    expect(texts(await c.send('钱收到了但是少了20块')).join('\n')).toMatch(/对不上/);
    expect(texts(await c.send('好的'))).toEqual([expect.stringMatching(/没有可以接待的人工客服/)]);
  });

  it('"好的" after the refund is said not yet due: no person, it is only acknowledged', async () => {
    const { c } = await atRefund('not yet ok');
    await c.send('还没收到');
    expect(texts(await c.send('好的')).join('\n')).not.toMatch(/人工客服/);
  });
});

describe('a no to the person offered after wrong answers', () => {
  it.each([
    ['no', 'en'],
    ['不用了，我自己再试试', 'zh'],
  ] as const)('%j: the question again, no stopping and no error about the card', async (no, lang) => {
    const c = await atName(`no person ${no}`, lang);
    const say = (text: string) => c.send(lang === 'en' ? en(text) : text);
    await say(lang === 'en' ? 'Tom Li' : '张三');
    for (const wrong of ['12', 'ab']) await say(wrong);
    expect(texts(await say('1234')).at(-1)).toMatch(lang === 'en' ? /put you through to a person/ : /转接人工客服/);
    const replies = texts(await say(no));
    expect(replies.join('\n')).not.toMatch(/Stop here|can only contain digits|不是银行卡号|只能包含数字/);
    expect(replies.at(-1)).toMatch(lang === 'en' ? /settlement bank card number/ : /结算银行卡号/);
    expect(texts(await say('4111111111111111')).at(-1)).toMatch(lang === 'en' ? /serial number/ : /机身号/);
  });
});

describe('the refund wanted on another card, said as a request', () => {
  it.each([
    ['我要换一张卡收退款', 'zh-CN', /如果想换一张卡，需要人工客服核实身份/],
    ['i want the refund on a different card', 'en-US', /To have it paid to another card, a person/],
  ])('%j once the offer is accepted: which card it goes to and who changes it, not the status', async (said, locale, reply) => {
    const { c } = await atRefund(`other card ${locale}`, { paid: false });
    const answer = texts(await c.send({ type: ActivityTypes.Message, text: said, locale }));
    expect(answer).toEqual([expect.stringMatching(reply)]);
    expect(answer[0]).toMatch(/0128|\*{4}/);
  });
});

describe('a cash refund, its progress asked', () => {
  it.each([
    ['现金在哪里领', 'zh-CN', /柜台领取/, /银行卡是否收到/],
  ])('%j once it is paid in cash: collect it at the counter, not "check your bank card"', async (said, locale, next, wrong) => {
    const user = `cash status ${locale}`;
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const { cases } = chat({}, undefined, { user });
    await cases.transition(reference, 'under_review', 'backoffice:alice');
    await cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'cash' });
    await cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
    await cases.transition(reference, 'refund_paid', 'backoffice:alice');
    const report = texts(await chat({}, undefined, { user }).send({ type: ActivityTypes.Message, text: said, locale })).join('\n');
    expect(report).toMatch(next);
    expect(report).not.toMatch(wrong);
  });
});

describe('a goodbye with an ok in the middle of the application', () => {
  it('"好的拜拜" at the serial question: stop here and keep it? (no serial format error)', async () => {
    const c = await atName('ok bye zh', 'zh');
    await c.send('李娜');
    await c.send('4111111111111111');
    const replies = texts(await c.send('好的拜拜'));
    expect(replies.join('\n')).not.toMatch(/机身号一般是/);
    expect(replies.at(-1)).toMatch(/要停止填写吗/);
  });
});

/** A merchant of their own whose case is at `status` (approved with 120 to the card, or rejected). */
async function atStage(user: string, status: 'approved' | 'rejected' | 'refund_agreed') {
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  const { cases } = chat({}, undefined, { user });
  await cases.transition(reference, 'under_review', 'backoffice:alice');
  if (status === 'rejected') await cases.transition(reference, 'rejected', 'backoffice:alice', { reason: '资料不全' });
  else await cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
  if (status === 'refund_agreed') await cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
  return { c: chat({}, undefined, { user }), reference, cases };
}

describe('what now, once the application is rejected', () => {
  it.each([
    ['what should i do now', 'en-US', /not approved[\s\S]*资料不全/],
    ['那怎么办', 'zh-CN', /没有通过审核[\s\S]*资料不全/],
  ])('%j: the rejection, its reason and what to do (not an unrelated FAQ)', async (said, locale, reply) => {
    const { c } = await atStage(`what now rejected ${said}`, 'rejected');
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale })).join('\n')).toMatch(reply);
  });
});

describe('how long until the money arrives, once the offer is accepted', () => {
  it.each([
    ['大概多久能到账', 'zh-CN', /已确认退款方案，等待退款/],
    ['how long will it take to get the money?', 'en-US', /refund agreed, waiting for payment/],
  ])('%j: that refund\'s progress, not how long the review takes', async (said, locale, reply) => {
    const { c } = await atStage(`how long refund ${said}`, 'refund_agreed');
    const answer = texts(await c.send({ type: ActivityTypes.Message, text: said, locale })).join('\n');
    expect(answer).toMatch(reply);
    expect(answer).not.toMatch(/审核一般需要|review usually takes/);
  });
});

describe('an acceptance said with a question', () => {
  it('"I accept but when will i get paid?": the question answered, then the offer again with its buttons (nothing signed unseen)', async () => {
    const { c, reference, cases } = await atStage('accept with question', 'approved');
    const replies = await c.send(en('I accept but when will i get paid?'));
    expect(texts(replies).at(-1)).toMatch(/accept this refund/);
    expect(replies.at(-1)?.suggestedActions?.actions.map((a) => a.title)).toContain('Accept the refund');
    expect((await cases.get(reference))?.status).toBe('approved');
  });
});

describe('a request to cancel said with its reason, the classifier unsure', () => {
  it.each(['my shop is closing so i need to cancel the pos', 'Hi there. My shop is closing so I need to cancel the POS you sent me in October.'])(
    '%j starts the application (no "which did you mean?")',
    async (said) => {
      const c = chat({}, undefined, { user: `reason first ${said.length}` });
      const replies = texts(await c.send(en(said)));
      expect(replies.join('\n')).not.toMatch(/which of these did you mean/);
      expect(replies.at(-1)).toMatch(/Shall we start the application now/);
    },
  );
});

describe('a request to cancel said impatiently', () => {
  it.each(['ok whatever, I just want to cancel then', 'fine. just cancel my pos then'])('%j starts the application', async (said) => {
    const c = chat({}, undefined, { user: `impatient ${said.length}` });
    expect(texts(await c.send(en(said))).at(-1)).toMatch(/Shall we start the application now/);
  });

  it.each(['fine', 'ok fine', 'honestly'])('%j alone starts nothing', async (said) => {
    const c = chat({}, undefined, { user: `impatient word ${said}` });
    expect(texts(await c.send(en(said))).join('\n')).not.toMatch(/Shall we start|6 steps/);
  });
});

describe('a request to cancel said with a question', () => {
  it.each([
    ['我要注销pos 另外审核要多久', 'zh-CN', /2-5 个工作日/, /现在开始填写申请吗/],
    ['i want to cancel my terminal, and how long does the refund take?', 'en-US', /the refund works like this/, /Shall we start the application now/],
  ])('%j: the question answered, then the application offered', async (text, locale, answer, start) => {
    const c = chat({}, undefined, { user: `asks and requests ${locale}` });
    const replies = texts(await c.send({ text, locale }));
    expect(replies[0]).toMatch(answer);
    expect(replies.at(-1)).toMatch(start);
  });
});

describe('a zero balance, said as "its 0"', () => {
  it('"I checked my balance and its 0, is that good?" once paid: look for the credit, not the balance', async () => {
    const { c } = await atRefund('balance its 0');
    expect(texts(await c.send(en('I checked my balance and its 0, is that good?'))).join('\n')).toMatch(/balance/i);
  });
});

describe('a new card number at the summary that fails its check', () => {
  it('"卡号错了，应该是6217…8905" (Luhn fails): why it was not taken, and the same number again takes it', async () => {
    const c = await atName('summary bad card', 'zh');
    for (const answer of ['李娜', '4111111111111111', 'SN12345681', '13800138000']) await c.send(answer);
    expect(texts(await c.send('跳过')).at(-1)).toMatch(/请核对您的申请信息/);
    const replies = texts(await c.send('卡号错了，应该是6217000012345678905'));
    expect(replies.join('\n')).toMatch(/校验位对不上/);
    expect(replies.join('\n')).not.toContain('6217000012345678905');
    const summary = texts(await c.send('6217000012345678905')).at(-1);
    expect(summary).toMatch(/请核对您的申请信息[\s\S]*8905/);
  });
});

describe('the offer put off in other words', () => {
  it('"退款方案我看看再说" at the offer: kept for later, said so (not "I need a clear yes")', async () => {
    const { c, reference, cases } = await atStage('offer later zh', 'approved');
    expect(texts(await c.send('你好')).join('\n')).toMatch(/接受这个退款方案/);
    const replies = texts(await c.send('退款方案我看看再说')).join('\n');
    expect(replies).toMatch(/方案会一直为您保留/);
    expect(replies).not.toMatch(/明确同意/);
    expect((await cases.get(reference))?.status).toBe('approved');
  });
});

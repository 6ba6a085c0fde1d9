import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

/** A chat of its own merchant at the name question of the application. */
async function atName(user: string) {
  const c = chat({}, undefined, { user });
  for (const said of ['我要注销POS机', '开始办理', '上个月', '设备故障']) await c.send(said);
  return c;
}

/** A merchant of their own whose case is closed (the refund verified). */
async function closed(user: string) {
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  const c = chat({}, undefined, { user });
  await c.cases.transition(reference, 'under_review', 'backoffice:alice');
  await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
  await c.cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
  for (const stage of ['refund_paid', 'verified', 'closed'] as const) await c.cases.transition(reference, stage, 'backoffice:alice');
  return c;
}

describe('wanting a terminal to take payments', () => {
  it.each(['想弄个pos机收钱', '俺想整个pos机', '想搞台刷卡机收款'])('%j: how to apply for one, no cancellation begun', async (said) => {
    const c = chat({}, undefined, { user: `wants terminal ${said}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/想申请 POS 机/);
    expect(replies).not.toMatch(/现在开始填写申请吗/);
  });
});

describe('what happens to the refund if the review fails', () => {
  it.each(['我想问下审核要是没过 钱还能退吗', '万一审核没过 退款咋整', '问下审核不过钱退不退'])('%j: the rejected review answer, not out of scope', async (said) => {
    const c = chat({}, undefined, { user: `rejected refund ${said}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/说明具体原因/);
    expect(replies).toMatch(/重新提交/);
    expect(replies).not.toMatch(/超出了我能回答的范围/);
  });
});

describe('charges once the terminal is cancelled', () => {
  it.each(['注销后还会扣费吗', '註銷以後還收費嗎', '注销了以后还扣钱不'])('%j with a closed case: what is known, and a person to check it', async (said) => {
    const c = await closed(`charges after ${said}`);
    const [reply] = (await c.send(said)).filter((a) => a.type === 'message').slice(-1);
    expect(reply.text).toMatch(/注销以后还会不会有别的扣费/);
    expect(reply.text).toMatch(/不认识或未经您授权的扣款/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toContain('转人工客服');
  });

  it('asked at the card question: the same answer, then the card question again', async () => {
    const c = await atName('charges after mid-form');
    await c.send('张三');
    const replies = texts(await c.send('注销后还扣费吗'));
    expect(replies[0]).toMatch(/注销以后还会不会有别的扣费/);
    expect(replies.at(-1)).toMatch(/结算银行卡号/);
  });
});

describe('is this a scam?', () => {
  it.each(['你们是不是骗子', '你们正规吗', '这个靠不靠谱啊 不会是骗人的吧'])('%j at the name question: the official channels and what is never asked, then the name again', async (said) => {
    const c = await atName(`trust ${said}`);
    const replies = texts(await c.send(said));
    expect(replies[0]).toMatch(/官方渠道/);
    expect(replies[0]).toMatch(/热线 \d+/);
    expect(replies[0]).toMatch(/绝不会/);
    expect(replies.at(-1)).toMatch(/您的\*\*姓名\*\*/);
  });

  it('asked first thing: the same, with the hotline and a person as buttons', async () => {
    const c = chat({}, undefined, { user: 'trust first' });
    const [reply] = (await c.send('你们是骗子吧')).filter((a) => a.type === 'message');
    expect(reply.text).toMatch(/官方渠道/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(['客服联系方式', '转人工客服']);
  });
});

describe('an FAQ answered in the middle of the application', () => {
  it.each([
    [['我要注销POS机'], '机身号在哪看', /找到以后，就可以开始办理注销/, /现在开始填写申请吗/],
    [['我要注销POS机', '开始办理', '上个月'], '有时间限制吗', /需要我帮您开始吗/, /注销的原因/],
    [['我要注销POS机', '开始办理', '上个月', '设备故障', '张三'], '要准备啥材料', /材料备齐后，随时可以开始办理/, /结算银行卡号/],
  ])('after %j, %j: no invitation to start the cancellation under way, the question again', async (before, said, invite, question) => {
    const c = chat({}, undefined, { user: `faq mid-form ${said}` });
    for (const answer of before) await c.send(answer);
    const replies = texts(await c.send(said));
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.join('\n')).not.toMatch(invite);
    expect(replies.at(-1)).toMatch(question);
  });

  it('asked before starting, the serial answer still invites to start', async () => {
    const c = chat({}, undefined, { user: 'faq serial idle' });
    expect(texts(await c.send('pos机的序列号在哪里找')).join('\n')).toMatch(/找到以后，就可以开始办理注销/);
  });
});

describe('someone asks for money to cancel', () => {
  it.each(['有个人打电话说帮我注销要收200', '业务员说能帮我加急 收我100', '他们说收五十块手续费就能马上注销'])('%j: never pay to speed it up, only the hotline and this chat', async (said) => {
    const c = chat({}, undefined, { user: `pay to hurry ${said}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/注销流程本身没有规定任何注销费用/);
    expect(replies).toMatch(/加急/);
  });

  it('"客服说我会收到120退款" is no one asking for money', async () => {
    const c = chat({}, undefined, { user: 'pay to hurry refund said' });
    expect(texts(await c.send('客服说我会收到120退款 是吗')).join('\n')).not.toMatch(/加急/);
  });
});

describe('two questions in one colloquial message', () => {
  it.each([['注销pos要多久 要啥材料'], ['注销要几天啊 需要啥材料'], ['注销要多久 要准备啥']])('%j: how long the review takes, then the materials', async (said) => {
    const c = chat({}, undefined, { user: `two questions ${said}` });
    const replies = texts(await c.send(said));
    expect(replies[0]).toMatch(/2-5 个工作日/);
    expect(replies[1]).toMatch(/请准备好以下信息/);
  });
});

describe('only part of the refund arrived', () => {
  it.each(['到了一部分', '钱没到齐', '到了 但是没到全', '一半到了'])('%j at "has it arrived?": a person to check it, the case not closed', async (said) => {
    const user = `partial ${said}`;
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
    await c.cases.transition(reference, 'refund_paid', 'backoffice:alice');
    await c.send({ type: 'conversationUpdate', membersAdded: [{ id: user, name: user }], recipient: { id: 'bot', name: 'bot' } });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/对不上/);
    expect(replies).not.toMatch(/已确认到账/);
    expect((await c.cases.get(reference))?.status).toBe('refund_paid');
  });
});

describe('whether an accepted offer can be taken back', () => {
  it.each(['我要是接受了还能反悔吗', '接受了还能改吗', '接受以后能撤销不'])('%j at the offer: what accepting binds, the offer still open and not accepted', async (said) => {
    const user = `undo offer ${said}`;
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.send({ type: 'conversationUpdate', membersAdded: [{ id: user, name: user }], recipient: { id: 'bot', name: 'bot' } });
    const [reply] = (await c.send(said)).filter((a) => a.type === 'message');
    expect(reply.text).toMatch(/相当于签署退款协议/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(['接受退款方案', '有疑问']);
    expect((await c.cases.get(reference))?.status).toBe('approved');
  });
});

describe('saying no to cancelling', () => {
  it.each(['我不想注销了', '我决定不注销了', '先不注销了'])('%j as a first message begins no application', async (said) => {
    const c = chat({}, undefined, { user: `keeps ${said}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).not.toMatch(/现在开始填写申请吗|整个流程分 6 步/);
  });

  it('"我不想注销了" at the card question asks whether to stop, keeping what was filled in', async () => {
    const c = await atName('keeps mid-form');
    await c.send('王小明');
    expect(texts(await c.send('我不想注销了'))).toEqual([expect.stringMatching(/要停止填写吗/)]);
  });
});

describe('small words of Chinese merchants', () => {
  it.each(['手机号码就是我注册时候那个', '跟办机器时留的一样'])('%j at the mobile question: the number itself is needed here', async (said) => {
    const c = await atName(`same as ${said}`);
    for (const answer of ['王小明', '6222021234567890128', `LKL7${said.length}345678`]) await c.send(answer);
    expect(texts(await c.send(said))[0]).toMatch(/我在这里看不到您在别处登记的信息/);
  });

  it('"到底还要多久啊 烦死了" while the review runs: an apology with where it stands', async () => {
    const user = 'annoyed review';
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    expect(texts(await c.send('到底还要多久啊 烦死了'))[0]).toMatch(/很抱歉让您久等了/);
  });
});

describe('no email, said the way merchants do', () => {
  it.each(['暂时没有', '没', 'pass'])('%j at the email question leaves it empty and shows the summary', async (said) => {
    const c = await atName(`no email ${said}`);
    for (const answer of ['王小明', '6222021234567890128', `LKL9${said.length}3456789`, '13912345678']) await c.send(answer);
    expect(texts(await c.send(said)).at(-1)).toMatch(/请核对您的申请信息/);
  });
});

describe('注销 mistyped by its sound', () => {
  it.each(['我要注小pos', '我要住销pos机', '我要注肖刷卡机'])('%j begins the cancellation, not how to apply for a terminal', async (said) => {
    const c = chat({}, undefined, { user: `misspelt ${said}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/现在开始填写申请吗/);
    expect(replies).not.toMatch(/想申请 POS 机/);
  });
});

describe('why a field is needed, asked colloquially', () => {
  it.each(['要我卡号干嘛', '卡号给你们安全不'])('%j at the card question: why the card, kept how, then the card question', async (said) => {
    const c = await atName(`why card ${said}`);
    await c.send('王小明');
    const replies = texts(await c.send(said));
    expect(replies[0]).toMatch(/退款会退回这张结算银行卡.*加密保存/);
    expect(replies.at(-1)).toMatch(/结算银行卡号/);
  });
});

describe('what was missing, after a rejection', () => {
  it.each(['资料不全是缺啥', '哪里不对啊', '具体缺什么材料啊'])('%j: the reviewers say exactly, through a person; then apply again', async (said) => {
    const user = `missing ${said}`;
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'rejected', 'backoffice:alice', { reason: '资料不全' });
    const [reply] = (await c.send(said)).filter((a) => a.type === 'message');
    expect(reply.text).toMatch(/审核人员那边最清楚/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toContain('转人工客服');
  });
});

describe('the card is elsewhere, sent later', () => {
  it.each(['卡在老婆那 她下班回来再发你', '卡不在身上 晚上发', '卡在家里'])('%j at the card question offers to stop and keep what was filled in', async (said) => {
    const c = await atName(`card later ${said}`);
    await c.send('王小明');
    expect(texts(await c.send(said))).toEqual([expect.stringMatching(/要停止填写吗/)]);
  });
});

describe('asking how many terminals are in the merchant name', () => {
  it('"能帮我查下我名下有几台pos吗" begins no application', async () => {
    const c = chat({}, undefined, { user: 'look up terminals' });
    const replies = texts(await c.send('能帮我查下我名下有几台pos吗')).join('\n');
    expect(replies).not.toMatch(/分别提交一份申请|现在开始填写申请吗/);
  });
});

describe('cancelling online, from afar', () => {
  it.each(['我在外地 能线上办吗', '能网上注销吗'])('%j: the steps, the first of which is right here', async (said) => {
    const c = chat({}, undefined, { user: `online ${said}` });
    expect(texts(await c.send(said)).join('\n')).toMatch(/直接在这里告诉我您要注销/);
  });
});

describe('charged still, after cancelling', () => {
  it.each(['注销了还在扣我钱', '都注销了怎么还扣我钱'])('%j: an apology and a person, no choice of FAQ answers', async (said) => {
    const c = chat({}, undefined, { user: `still charged ${said}` });
    const [reply] = (await c.send(said)).filter((a) => a.type === 'message');
    expect(reply.text).toMatch(/很抱歉给您带来不好的体验/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).toContain('转人工客服');
  });
});

describe('how to sign, asked at the signature', () => {
  it.each(['签啥名', '咋签'])('%j: what the signature is, then its question; nothing submitted', async (said) => {
    const c = await atName(`how sign ${said}`);
    for (const answer of ['王小明', '6222021234567890128', `LKL5${said.length}443322`, '13912345678', '跳过', '确认']) await c.send(answer);
    const replies = texts(await c.send(said));
    expect(replies[0]).toMatch(/输入姓名就是您的电子签名/);
    expect(replies.at(-1)).toMatch(/作为电子签名/);
  });
});

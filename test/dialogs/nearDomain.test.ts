import { ActivityTypes } from 'botbuilder';
import { chat, texts } from '../helpers/chat';
import { titles } from '../helpers/bot';

const say = (text: string) => ({ type: ActivityTypes.Message, text, locale: /[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en-US' });

/** What the bot says to `said`, in a chat of its own. */
async function replyTo(said: string, user: string) {
  const c = chat({}, undefined, { user });
  return c.send(say(said));
}

describe('a follow-up read with the answer before it', () => {
  it.each([
    ['银行卡要不要注销', '好的 怎么注销', /发卡银行/],
    ['should I close my bank card', 'ok how do I do that', /bank that issued it/],
  ])('%j then %j: how the card is closed, not the terminal\'s cancellation steps', async (first, then, how) => {
    const c = chat({}, undefined, { user: `CloseCard-${first.length}` });
    await c.send(say(first));
    const reply = texts(await c.send(say(then))).join('\n');
    expect(reply).toMatch(how);
    expect(reply).not.toMatch(/6 步|6 steps/);
  });

  it.each([
    ['银行卡要不要注销', ['要带什么证件'], /身份证/],
    ['银行卡要不要注销', ['好的', '怎么注销'], /发卡银行/],
    ['should I close my bank card', ['can i do it online'], /mobile banking/],
  ])('%j then %j: the follow-up answer', async (first, then, how) => {
    const c = chat({}, undefined, { user: `CloseCardMore-${first.length}-${then.length}` });
    await c.send(say(first));
    let reply: (string | undefined)[] = [];
    for (const said of then) reply = texts(await c.send(say(said)));
    expect(reply.join('\n')).toMatch(how);
  });

  it.each([
    ['序列号在哪看', '标签磨掉了看不清'],
    ['where is the serial number', "i cant find it, the box is gone"],
    ['机器被偷了 还能注销吗', '那序列号我不知道啊'],
    ['my pos was stolen can i still cancel', 'i dont know the serial number'],
  ])('%j then %j: customer service looks the serial number up by the registered mobile', async (first, then) => {
    const c = chat({}, undefined, { user: `SerialLookup-${first}` });
    await c.send(say(first));
    const reply = texts(await c.send(say(then)));
    expect(reply).toEqual([expect.stringMatching(/注册时的手机号|mobile number you registered with/)]);
  });

  it('"ok how do i do that at my bank" after the answer on closing cards: how the card is closed (a follow-up of ten English words)', async () => {
    const c = chat({}, undefined, { user: 'CloseCardLongerEnglish' });
    await c.send(say('should I close my bank card'));
    expect(texts(await c.send(say('ok how do i do that at my bank'))).join('\n')).toMatch(/bank that issued it/);
  });

  it('naming the terminal asks about the terminal', async () => {
    const c = chat({}, undefined, { user: 'CloseCardThenPos' });
    await c.send('银行卡要不要注销');
    expect(texts(await c.send('那pos机怎么注销')).join('\n')).not.toMatch(/发卡银行/);
  });

  it('only right after that answer', async () => {
    const c = chat({}, undefined, { user: 'CloseCardLater' });
    await c.send('银行卡要不要注销');
    await c.send('审核要几天');
    expect(texts(await c.send('怎么注销')).join('\n')).not.toMatch(/发卡银行/);
  });
});

describe('an angry or cheated merchant', () => {
  it.each(['垃圾客服 打了一天电话都没人接', '客服电话一直打不通', '我被骗了 说是免费的pos机 结果每个月扣我钱', 'i was scammed, they take money every month', 'I called all day and nobody picked up'])(
    '%j gets an apology and a person, not an FAQ',
    async (said) => {
      const [reply] = await replyTo(said, `Angry-${said.length}`);
      expect(reply.text).toMatch(/很抱歉|I'm sorry/);
      expect(titles(reply)).toContain(/[\u4e00-\u9fff]/.test(said) ? '转人工客服' : 'Talk to a person');
    },
  );

  it.each([
    ['怎么防止被盗刷', /安全规则/],
    ['怎么防止被骗', /安全规则/],
    ['怕被骗 平时要注意什么', /安全规则/],
    ['how to avoid being scammed', /security rules/],
  ])('%j asks how to stay safe: the payment-security answer, no apology', async (said, answer) => {
    const [reply] = await replyTo(said, `Careful-${said.length}`);
    expect(reply.text).toMatch(answer);
    expect(reply.text).not.toMatch(/很抱歉|I'm sorry|立即/);
  });
});

describe('near-domain questions', () => {
  it.each([
    ['签名是什么意思', /电子签名/],
    ['what does the signature mean', /electronic signature/],
    ['打电话办也行吗', /在线客服/],
    ['收款码还能用吗', /超出了我能回答的范围/],
    ['where do i send the terminal', /outside what I can answer/],
  ])('%j: %s', async (said, answer) => {
    const [reply] = await replyTo(said, `Near-${said.length}`);
    expect(reply.text).toMatch(answer);
  });
});

describe('how long the refund takes, asked after the refund answer', () => {
  it.each([
    ['退款怎么退', '要多久', /退款协议/],
    ['how is the refund paid', 'how long', /refund agreement/],
  ])('%j then %j: when the refund is paid, not the review time alone', async (first, then, answer) => {
    const c = chat({}, undefined, { user: `RefundWhen-${first.length}` });
    await c.send(say(first));
    const reply = texts(await c.send(say(then))).join('\n');
    expect(reply).toMatch(answer);
    expect(reply).toMatch(/2-5/);
  });

  it('"how long does it take to get my money back after cancelling?" is the refund answer', async () => {
    const [reply] = await replyTo('how long does it take to get my money back after cancelling?', 'MoneyBack');
    expect(reply.text).toMatch(/original bank card/);
  });
});

describe('a new terminal, asked near cancelling', () => {
  it.each([
    ['注销了还能再申请新的吗', /官方渠道/],
    ['where can i buy a new one after cancelling', /official channel/],
    ['I want a card machine', /official channel/],
    ['i need a pos machine for my restaurant', /official channel/],
    ['we are opening a second shop and want another terminal', /official channel/],
    ['my bakery needs a card reader', /official channel/],
    ['我之前注销过 现在还能申请pos机吗', /官方渠道/],
    ['开了个早餐店 想要一台刷卡机', /官方渠道/],
  ])('%j: how to apply', async (said, answer) => {
    const [reply] = await replyTo(said, `NewOne-${said.length}`);
    expect(reply.text).toMatch(answer);
  });

  it.each(["we don't need the card machine anymore", '店里不需要这台刷卡机了', '我需要注销pos机'])('%j gives one up: the application to cancel', async (said) => {
    const [reply] = await replyTo(said, `GiveUp-${said.length}`);
    expect(reply.text).toMatch(/在线办理 POS 机注销|cancel your POS terminal online/);
  });
});

describe('going to a branch', () => {
  it.each([
    ['注销需要本人去网点吗', /直接在这里告诉我/],
    ['要去网点办吗', /直接在这里告诉我/],
    ['do i need to go to a branch?', /tell me here/],
    ['注销要跑去银行吗', /直接在这里告诉我/],
    ['注销pos机得去银行柜台办吗', /直接在这里告诉我/],
    ['do I have to go to the bank to cancel', /tell me here/],
    ['must I visit the bank to deregister my terminal?', /tell me here/],
  ])('%j: the steps, which are done here or by the hotline', async (said, answer) => {
    const [reply] = await replyTo(said, `Branch-${said.length}`);
    expect(reply.text).toMatch(answer);
  });

  it.each([
    ['银行卡要注销吗', /不再使用的银行卡注销掉/],
    ['销户要去银行柜台吗', /不再使用的银行卡注销掉/],
    ['do I need to go to the bank to close my card?', /closing any bank cards you no longer use/],
  ])('%j names a card: closing it', async (said, answer) => {
    const [reply] = await replyTo(said, `CloseCardVisit-${said.length}`);
    expect(reply.text).toMatch(answer);
  });
});

describe('what the catalog does not say', () => {
  it.each(['老板不在 店员可以帮忙办注销吗', 'can my wife cancel it for me', '家人可以代办吗', '注销之后商户号还在吗', 'can my manager do it for me', '我们店长能帮我办注销吗', 'could my accountant handle the cancellation?'])('%j: out of scope, a person offered', async (said) => {
    const [reply] = await replyTo(said, `Unsaid-${said.length}`);
    expect(reply.text).toMatch(/超出了我能回答的范围|outside what I can answer/);
    expect(titles(reply)).toContain(/[\u4e00-\u9fff]/.test(said) ? '转人工客服' : 'Talk to a person');
  });
});

describe('charged every month for a terminal said to be free', () => {
  it.each([
    'the terminal was given to me by a salesman who said its free, now im being charged monthly',
    'how do i stop the charges',
    '业务员说免费送的 现在每个月扣我钱',
    'they keep charging me every month for this machine',
    '怎么让它别再扣钱了',
    '说好的免费 为什么还扣费',
    'got the pos free from your salesman, never used it, now they charge me monthly fees',
  ])(
    '%j: an apology, a person, and the offer to cancel',
    async (said) => {
      const [reply] = await replyTo(said, `Charged-${said.length}`);
      const zh = /[\u4e00-\u9fff]/.test(said);
      expect(reply.text).toMatch(/很抱歉|I'm sorry/);
      expect(titles(reply)).toEqual(zh ? ['转人工客服', '现在开始注销'] : ['Talk to a person', 'Start cancelling now']);
    },
  );

  it.each(['业务员说是免费的 我想注销', 'the salesman said its free, i want to cancel it', "they told me there's no charge. i want to cancel it", '推销的说不要钱 现在我想退掉'])(
    '%j, a story with a request to cancel and no charge: the application',
    async (said) => {
      const [reply] = await replyTo(said, `FreeCancel-${said.length}`);
      expect(reply.text).toMatch(/在线办理 POS 机注销|cancel your POS terminal online/);
    },
  );
});

import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';

/** A merchant of their own (the file shares one database), in `locale`, at the date question. */
async function atDateQuestion(user: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const c = chat({}, undefined, { user });
  const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
  await say(locale === 'en-US' ? 'cancel my pos' : '我要注销POS机');
  await say(locale === 'en-US' ? 'yes' : '开始办理');
  return say;
}

/** From the reason question on, every answer given: the summary's text. */
async function summaryAfterDate(say: (text: string) => Promise<unknown>) {
  for (const text of ['经营变更', '张三', '6212260200012345670']) await say(text);
  await say('LKL12345678');
  await say('13800138000');
  return texts((await say('跳过')) as never).at(-1)!;
}

describe('a merchant who does not remember when the terminal came', () => {
  it('"不记得了" is offered rough answers and a person; one tapped is taken, and shown on the summary as said', async () => {
    const say = await atDateQuestion('forgets the day');
    const offer = await say('不记得了');
    expect(texts(offer)).toEqual([expect.stringMatching(/说个大概就行/)]);
    expect(titles(offer.at(-1)!)).toEqual(['大约一个月前', '大约三个月前', '大约半年前', '大约一年前', '转人工客服']);
    expect(texts(await say('大约三个月前')).at(-1)).toMatch(/注销的原因/);
    const summary = await summaryAfterDate(say);
    expect(summary).toMatch(/收到机器的日期：大约三个月前（按您说的大概时间）/);
    expect(summary).not.toMatch(/收到机器的日期：\d{4}年/);
  });

  it.each([
    ['dunno, a while ago', 'en-US', /roughly is enough/],
    ['idk its been ages ago', 'en-US', /roughly is enough/],
    ['好久了 记不清', 'zh-CN', /说个大概就行/],
  ] as const)('%j at once: the rough answers and a person (was "cannot read that date")', async (said, locale, offered) => {
    const say = await atDateQuestion(`long ago ${said}`, locale);
    expect(texts(await say(said))).toEqual([expect.stringMatching(offered)]);
  });

  it('a second date it cannot read ("hmm", "whenever") brings the rough answers and a person, not the same retry', async () => {
    const say = await atDateQuestion('cannot read twice', 'en-US');
    expect(texts(await say('hmm'))).toEqual([expect.stringMatching(/couldn't read that date/)]);
    const second = await say('whenever');
    expect(texts(second)).toEqual([expect.stringMatching(/roughly is enough/)]);
    expect(titles(second.at(-1)!)).toContain('Talk to a person');
    expect(texts(await say('About 6 months ago')).join('\n')).toMatch(/more than 3 months[\s\S]*Why would you like to cancel/);
  });

  it('"上个月" is shown as said; a day named ("9月1日") as that day', async () => {
    const rough = await atDateQuestion('says last month');
    await rough('上个月');
    expect(await summaryAfterDate(rough)).toMatch(/收到机器的日期：上个月（按您说的大概时间）/);
    const exact = await atDateQuestion('names the day');
    await exact('9月1日');
    expect(await summaryAfterDate(exact)).toMatch(/收到机器的日期：\d{4}年9月1日\n/);
  });

  it.each([
    ['i got it in early september', 'early september'],
    ['we got the machine around mid october', 'around mid october'],
  ])('"%s" is shown by its date words alone ("%s"), not the whole sentence', async (said, shown) => {
    const say = await atDateQuestion(`says ${said}`, 'en-US');
    await say(said);
    expect(await summaryAfterDate(say)).toMatch(new RegExp(`Received the terminal on: ${shown} \\(as you put it\\)\n`));
  });
});

describe('a rough date said with the request to cancel', () => {
  /** The first message, the start, then every other answer: the summary's text. */
  async function summaryAfterFirst(user: string, first: string, locale: 'zh-CN' | 'en-US', answers: string[]) {
    const c = chat({}, undefined, { user });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    expect(texts(await say(first))[0]).toMatch(/收到时间我也记下了|noted the delivery date/);
    let last: string | undefined;
    for (const text of answers) last = texts(await say(text)).at(-1);
    return last!;
  }

  it('"I received the machine in September…" in English is kept, and shown as said', async () => {
    const summary = await summaryAfterFirst('rough first en', 'hello, I received the machine in September and would like to cancel it', 'en-US', [
      'yes',
      'business change',
      'Zhou Min',
      '6212260200012345670',
      'LKL12345670',
      '13800138000',
      'skip',
    ]);
    expect(summary).toMatch(/Received the terminal on: in September \(as you put it\)/);
  });

  it('"去年9月收到的机器" in Chinese is kept, and shown as said', async () => {
    const summary = await summaryAfterFirst('rough first zh', '你好 我去年9月收到的机器 现在想注销', 'zh-CN', ['开始办理', '经营变更', '周敏', '6212260200012345670', 'LKL12345671', '13800138000', '跳过']);
    expect(summary).toMatch(/收到机器的日期：去年9月（按您说的大概时间）/);
  });
});

describe('a name typed twice at the name question', () => {
  it.each([
    ['刘洋 刘洋', 'zh-CN', /姓名：刘洋\n/],
    ['Zhou Min Zhou Min', 'en-US', /Name: Zhou Min\n/],
  ])('%j is kept once', async (name, locale, shown) => {
    const say = await atDateQuestion(`name twice ${name}`, locale as 'zh-CN' | 'en-US');
    await say('上个月');
    await say('经营变更');
    await say(name);
    for (const text of ['6212260200012345670', 'LKL12345672', '13800138000']) await say(text);
    expect(texts(await say('跳过')).at(-1)).toMatch(shown);
  });
});

describe('a name said at the reason question', () => {
  it.each([
    ['我叫周敏', 'zh-CN', /姓名已经记下了[\s\S]*注销的原因/, '经营变更', /结算银行卡号/],
    ['my name is Zhou Min', 'en-US', /I have your name[\s\S]*Why would you like to cancel/, 'business change', /settlement bank card number/],
    // After a word that puts the reason aside first.
    ['等下 先说一下我叫周敏', 'zh-CN', /姓名已经记下了[\s\S]*注销的原因/, '经营变更', /结算银行卡号/],
    ['wait, my name is Zhou Min', 'en-US', /I have your name[\s\S]*Why would you like to cancel/, 'business change', /settlement bank card number/],
  ])('%j is kept as the name, not the reason, and the reason asked again', async (said, locale, reply, reason, next) => {
    const say = await atDateQuestion(`name at reason ${said}`, locale as 'zh-CN' | 'en-US');
    await say('上个月');
    expect(texts(await say(said)).join('\n')).toMatch(reply);
    // The name question is not asked: the card's comes next.
    expect(texts(await say(reason)).at(-1)).toMatch(next);
  });
});

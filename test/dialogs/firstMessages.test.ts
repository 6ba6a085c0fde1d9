import { ActivityTypes } from 'botbuilder';
import { chat, texts } from '../helpers/chat';

const en = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'en-US' });

/** What a merchant of their own (the file shares one database) is told at each of `said`, in English. */
async function saysInEnglish(user: string, said: string[]): Promise<string[][]> {
  const c = chat({}, undefined, { user });
  const replies: string[][] = [];
  for (const text of said) replies.push(texts(await c.send(en(text))) as string[]);
  return replies;
}

describe('the first message carries answers', () => {
  it('"hi im Zhao Lei, …, sn …, card …": the name is kept with the serial and card, and never asked again; the card never echoed', async () => {
    const replies = await saysInEnglish('zhao lei opens', ['hi im Zhao Lei, want to cancel my pos, sn LKL12345678, card 6212 2602 0001 2345 670', 'yes', 'last month', 'closing the shop']);
    expect(replies[0][0]).toMatch(/noted the name, bank card number, and serial number/);
    expect(replies[3].at(-1)).toMatch(/mobile number/);
    expect(replies.flat().join('\n')).not.toMatch(/full name|6212 ?2602|2345 ?670/);
  });

  it('"I\'m closing down, …" names no one: the reason is kept, the name still asked', async () => {
    const replies = await saysInEnglish('closing down opens', ["I'm closing down, want to cancel the pos", 'yes', 'last week']);
    expect(replies[0][0]).toMatch(/noted the reason for cancelling/);
    expect(replies[2].join('\n')).toMatch(/business change[\s\S]*full name/);
  });

  it.each([
    ['I want to cancel my pos, reason: closing the shop', 'en-US'],
    ['我要注销pos，原因是手续费太高', 'zh-CN'],
  ])('%j: the reason said with its label is kept, and its question never asked', async (said, locale) => {
    const c = chat({}, undefined, { user: `labelled reason ${locale}` });
    const send = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    expect(texts(await send(said))[0]).toMatch(/reason for cancelling|注销原因/);
    await send(locale === 'en-US' ? 'yes' : '开始办理');
    const next = texts(await send(locale === 'en-US' ? 'last week' : '上个月')).join('\n');
    expect(next).not.toMatch(/Why would you like to cancel|注销的原因是/);
    expect(next).toMatch(/full name|姓名/);
  });

  it('"Mr. Wang" is a title and a surname, not the account\'s full name: asked for it; "Mr. Wang Jianguo" is kept without the title', async () => {
    const replies = await saysInEnglish('mr wang', ['I am Mr. Wang, cancel my pos please', 'yes', 'last week', 'business change', 'Mr. Wang', 'Mr. Wang Jianguo', '6212260200012345670', 'LKL12345678', '13800138000', 'skip']);
    expect(replies[3].at(-1)).toMatch(/full name/);
    expect(replies[4]).toEqual([expect.stringMatching(/full name as on the bank account, without a title/)]);
    expect(replies[5].at(-1)).toMatch(/settlement bank card number/);
    expect(replies[9].at(-1)).toMatch(/Wang Jianguo/);
    expect(replies[9].at(-1)).not.toMatch(/Mr\.? Wang/);
  });
});

describe('a request told as one long spoken sentence, without punctuation', () => {
  it.each([
    '你好我想问一下就是我之前领了一个免费的pos机然后现在店不开了想把它退掉应该怎么弄啊',
    '喂喂听得到吗我是开小卖部的去年有人上门送了个刷卡机现在我不想用了你帮我看看怎么注销',
  ])('%j begins the cancellation, not "out of scope"', async (said) => {
    const c = chat({}, undefined, { user: `spoken ${said.length}` });
    const replies = texts(await c.send(said)).join('\n');
    expect(replies).toMatch(/6 步[\s\S]*现在开始填写申请吗/);
    expect(replies).not.toMatch(/超出了我能回答的范围/);
  });
});

import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';

/** A merchant of their own (the file shares one database) at the card question, in `locale`. */
async function atCardQuestion(user: string, locale: 'zh-CN' | 'en-US') {
  const c = chat({}, undefined, { user });
  const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
  const steps = locale === 'en-US' ? ['cancel my pos', 'yes', 'last month', 'business change', 'Zhao Lei'] : ['我要注销POS机', '开始办理', '上个月', '经营变更', '李娜'];
  for (const text of steps) await say(text);
  return { c, say };
}

describe('off topic in the middle of the application', () => {
  it.each([
    ['my settlement has been delayed', 'en-US', /doesn't look like a bank card number[\s\S]*person/],
    ['我的结算一直没到账', 'zh-CN', /不是银行卡号[\s\S]*转人工/],
    ['i use alipay', 'en-US', /payment apps can't take the refund[\s\S]*settlement bank card/],
    ['我用的是支付宝', 'zh-CN', /收款工具收不了退款[\s\S]*结算银行卡/],
  ])('%j at the card question: no format error, what it needs and a person; the card number is taken next', async (said, locale, reply) => {
    const { say } = await atCardQuestion(`off topic ${said}`, locale as 'zh-CN' | 'en-US');
    const answer = await say(said);
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(texts(answer).join('\n')).not.toMatch(/only contain digits|只能包含数字|卡号格式/);
    expect(titles(answer.at(-1)!)).toEqual([locale === 'en-US' ? 'Talk to a person' : '转人工客服']);
    expect(texts(await say('6212260200012345670')).at(-1)).toMatch(/serial number|机身号/);
  });

  it.each([
    ['can i use my wifes number', 'en-US', /family member's number is fine/],
    ['可以用我老婆的号码吗', 'zh-CN', /可以用家人的手机号/],
  ])('%j at the mobile question: whose number it may be, then the question again', async (said, locale, reply) => {
    const { say } = await atCardQuestion(`whose mobile ${said}`, locale as 'zh-CN' | 'en-US');
    await say('6212260200012345670');
    await say('LKL12345678');
    const answer = texts(await say(said));
    expect(answer[0]).toMatch(reply);
    expect(answer.join('\n')).not.toMatch(/serial number \(SN\) here|机身号一般/);
    expect(answer.at(-1)).toMatch(/mobile number|手机号/);
  });

  it('a Hong Kong mobile at the mobile question: a mainland one is needed, and a person offered at once', async () => {
    const { say } = await atCardQuestion('hong kong mobile', 'en-US');
    await say('6212260200012345670');
    await say('LKL12345678');
    const answer = await say('+852 9123 4567');
    expect(texts(answer)).toEqual([expect.stringMatching(/outside mainland China[\s\S]*a person can help/)]);
    expect(titles(answer.at(-1)!)).toEqual(['Talk to a person']);
    expect(texts(await say('13800138000')).at(-1)).toMatch(/email/);
  });
});

describe('a question surely out of scope at the card question', () => {
  it.each([
    ['how is the weather today?', 'en-US', /outside what I can answer/, /settlement bank card number/],
    ['今天天气怎么样', 'zh-CN', /超出了我能回答的范围/, /结算银行卡号/],
  ])('%j: beyond the bot, then the question again (was "not a card number")', async (said, locale, beyond, question) => {
    const { say } = await atCardQuestion(`beyond ${said}`, locale as 'zh-CN' | 'en-US');
    expect(texts(await say(said))).toEqual([expect.stringMatching(beyond), expect.stringMatching(question)]);
    expect(texts(await say('6212260200012345670')).at(-1)).toMatch(/serial number|机身号/);
  });
});

describe('the card said by its bank at the card question', () => {
  it.each([
    ['工行那张', 'zh-CN', /就用这张卡：请把它的卡号发给我/],
    ['the one from ICBC', 'en-US', /that card then: please send its number/],
  ])('%j: its number asked for (was the close-card FAQ, or "not a card number")', async (said, locale, asked) => {
    const { say } = await atCardQuestion(`bank named ${said}`, locale as 'zh-CN' | 'en-US');
    expect(texts(await say(said))[0]).toMatch(asked);
    expect(texts(await say('6212260200012345670')).at(-1)).toMatch(/serial number|机身号/);
  });
});

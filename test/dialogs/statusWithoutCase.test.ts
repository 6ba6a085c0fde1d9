import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';

describe('asking for progress with only an unfinished application', () => {
  it.each([
    ['zh-CN', ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三', '算了', '停止并保留'], '查询办理进度', /还没有提交过申请[\s\S]*还没填完的申请/, '继续填写', /结算银行卡号/],
    ['en-US', ['cancel my pos', 'yes', 'last month', 'business change', 'Zhao Lei', 'stop', 'keep it'], 'check my progress', /haven't submitted an application yet[\s\S]*unfinished one/, 'Continue', /settlement bank card number/],
  ])('(%s) is told nothing is submitted yet and offered the draft, never asked for a reference; going on takes it up where it stopped', async (locale, steps, asked, reply, go, next) => {
    const c = chat({}, undefined, { user: `draft only ${locale}` });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    for (const text of steps) await say(text);
    const answer = await say(asked);
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(texts(answer)[0]).not.toMatch(/reference number|申请单号/);
    expect(titles(answer[0])).toContain(go);
    expect(texts(await say(go)).at(-1)).toMatch(next);
  });
});

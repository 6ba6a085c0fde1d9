import { ActivityTypes, type Activity } from 'botbuilder';
import { THRESHOLDS } from '../../src/nlu/thresholds';
import { titles } from '../helpers/bot';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const ALWAYS = { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' };
const EN_BUTTON = { type: ActivityTypes.Event, name: 'webchat/language', value: 'en' };
const joined = { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'merchant', name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } };
const messages = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === ActivityTypes.Message);

/**
 * "English" / "中文" or the page's button at any question: the switch is confirmed, the question asked
 * again in the new language (its buttons too), and everything after it follows.
 */
describe('a language switch at any question', () => {
  it('the rating after a person, typed', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工客服');
    await c.takenAndEnded('alice');
    expect(texts(c.drain())).toEqual([expect.stringMatching(/打个分/)]);
    const switched = messages(await c.send('English'));
    expect(texts(switched)).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/How would you rate/)]);
    expect(titles(switched[1])).toEqual(['5 Very satisfied', '4 Satisfied', '3 Neutral', '2 Unsatisfied', '1 Very unsatisfied', 'Skip']);
    expect(texts(await c.send('5 非常满意'))).toEqual([expect.stringMatching(/Thank you for your feedback/)]);
  });

  it("the page's button while waiting for a person: kept, not passed on, the person's arrival and the rating after them follow it", async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工客服');
    // The bot stays silent while a person has the chat (the page follows the button by itself).
    expect(await c.send(EN_BUTTON)).toEqual([]);
    expect((await c.handoffs.transcript(c.conversationId())).map((e) => e.text)).not.toContain('en');
    // The person's arrival is announced in it too.
    const record = await c.active();
    await c.handoffs.claim(record!.id, 'alice');
    await c.settle();
    expect(texts(c.drain())).toEqual([expect.stringMatching(/alice from our support team has joined/)]);
    await c.handoffs.endByAgent(record!.id, 'alice');
    await c.settle();
    expect(texts(c.drain())).toEqual([expect.stringMatching(/How would you rate/)]);
  });

  it('leaving a message when nobody is free: the choice, the message and the mobile, with the button and typed', async () => {
    const c = chat(ALWAYS);
    expect(texts(await c.send('转人工客服'))).toEqual([expect.stringMatching(/要留言吗/)]);
    const switched = messages(await c.send(EN_BUTTON));
    expect(texts(switched)).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/leave us a message/)]);
    expect(titles(switched[1])).toEqual(['Leave a message', 'No thanks']);
    expect(texts(await c.send('Leave a message'))).toEqual([expect.stringMatching(/what you need help with/)]);
    expect(texts(await c.send('中文'))).toEqual([expect.stringMatching(/中文/), expect.stringMatching(/需要我们帮您处理的问题/)]);
    expect(texts(await c.send('机器退不了'))).toEqual([expect.stringMatching(/手机号/)]);
    expect(texts(await c.send('English'))).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/phone number\*\* we can call/)]);
    expect(texts(await c.send('12345'))).toEqual([expect.stringMatching(/11-digit mainland China mobile/)]);
    expect(texts(await c.send('13800138000'))).toEqual([expect.stringMatching(/call you back on 13800138000/)]);
  });

  it('"which did you mean?": asked again in the new language, and the pick answered in it', async () => {
    const c = chat({}, undefined, { thresholds: { ...THRESHOLDS, minMargin: 1 } });
    const asked = messages(await c.send('退款是怎么退给我的，到账了怎么核对'));
    expect(asked.at(-1)?.text).toMatch(/哪一个/);
    const switched = messages(await c.send('English'));
    expect(texts(switched)).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/which of these did you mean/)]);
    const [picked] = titles(switched[1])!;
    expect(picked).toMatch(/^[A-Za-z]/);
    expect(texts(await c.send(picked)).join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('the reference question of a status look-up, and the answer after it', async () => {
    const record = await submitCase({ owner: { userId: 'someone-else', channelId: 'test', conversation: {} } });
    const c = chat({});
    expect(texts(await c.send('我的申请办到哪一步了'))).toEqual([expect.stringMatching(/申请单号/)]);
    expect(texts(await c.send(EN_BUTTON))).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/give me your reference number/)]);
    expect(texts(await c.send(record.reference))).toEqual([expect.stringMatching(/last 4 digits/)]);
    expect(texts(await c.send('中文'))).toEqual([expect.stringMatching(/中文/), expect.stringMatching(/后四位/)]);
    expect(texts(await c.send('1111'))[0]).toMatch(/当前进度/);
  });

  it('what the case waits for, offered in the welcome: asked again in English with English buttons, answered in English', async () => {
    const c = chat({});
    const { reference } = await submitCase({ owner: { userId: 'merchant', channelId: 'test', conversation: {} } });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 80, method: 'cash' });
    const welcome = messages(await c.send(joined));
    expect(texts(welcome)).toEqual([expect.stringMatching(/欢迎回来/), expect.stringMatching(/审核通过[\s\S]*退款方式：\*\*现金/)]);
    expect(titles(welcome[1])).toEqual(['接受退款方案', '有疑问']);
    const switched = messages(await c.send('English'));
    expect(texts(switched)).toEqual([expect.stringMatching(/in English/), expect.stringMatching(/approved[\s\S]*Refund method: \*\*cash/)]);
    expect(titles(switched[1])).toEqual(['Accept the refund', 'I have questions']);
    expect(texts(await c.send('接受退款方案'))).toEqual([expect.stringMatching(/acceptance of the refund has been recorded/)]);
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
  });

  it('an unfinished application offered in the welcome, and the stop question, in the language of the moment', async () => {
    const c = chat({}, undefined, { user: 'Unfinished' });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三']) await c.send(text);
    expect(titles(messages(await c.send('算了')).at(-1)!)).toEqual(['停止并保留', '停止并删除', '继续填写']);
    const switched = messages(await c.send(EN_BUTTON));
    expect(titles(switched.at(-1)!)).toEqual(['Stop and keep', 'Stop and delete', 'Keep going']);
    await c.send('Stop and keep');
    const welcome = messages(await c.send(joined));
    expect(texts(welcome)).toEqual([expect.stringMatching(/welcome back/), expect.stringMatching(/unfinished/)]);
    expect(titles(welcome[1])).toEqual(['Continue', 'Later', 'Delete draft']);
    expect(texts(await c.send('中文'))).toEqual([expect.stringMatching(/中文/), expect.stringMatching(/还没填完的注销申请/)]);
    expect(texts(await c.send('继续填写'))).toEqual([expect.stringMatching(/结算银行卡号/)]);
  });
});

describe('a whole sentence in the other language, with nothing asked', () => {
  it('on the Chinese page "How long does the review take?" is answered in English, the page told, and the chat stays English', async () => {
    const c = chat({}, undefined, { user: 'Writes English' });
    const replies = await c.send('How long does the review take?');
    expect(replies[0]).toMatchObject({ type: ActivityTypes.Event, name: 'webchat/language', value: 'en' });
    expect(texts(replies)[0]).toMatch(/2-5 business days/);
    await c.send('I want to cancel my POS terminal');
    expect(texts(await c.send('开始办理')).at(-1)).toMatch(/When did you receive/);
  });

  it('at a question a name in pinyin ("Wang Xiao Ming") is the answer, the language kept', async () => {
    const c = chat({}, undefined, { user: 'Pinyin name' });
    for (const said of ['我要注销POS机', '开始办理', '上个月', '经营变更']) await c.send(said);
    const replies = await c.send('Wang Xiao Ming');
    expect(replies.some((a) => a.type === ActivityTypes.Event)).toBe(false);
    expect(texts(replies).at(-1)).toMatch(/结算银行卡号/);
  });

  it('a language only followed follows the next whole sentence again: Chinese, then English on the English page', async () => {
    const c = chat({}, undefined, { user: 'Writes both' });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: '审核要几天', locale: 'en-US' }))[0]).toMatch(/2-5 个工作日/);
    expect(texts(await c.send({ type: ActivityTypes.Message, text: 'how do i get my refund', locale: 'en-US' }))[0]).toMatch(/refund works like this/);
  });

  it('a language chosen in so many words is kept whatever is written after it', async () => {
    const c = chat({}, undefined, { user: 'Chose Chinese' });
    await c.send({ type: ActivityTypes.Message, text: '中文', locale: 'en-US' });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: 'How long does the review take?', locale: 'en-US' }))[0]).toMatch(/2-5 个工作日/);
  });
});

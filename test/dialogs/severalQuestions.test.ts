import { ActivityTypes } from 'botbuilder';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const zh = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'zh-CN' });
const en = (text: string) => ({ type: ActivityTypes.Message, text, locale: 'en-US' });

/** What each FAQ answer says, recognizably, in either language. */
const REVIEW = /2-5/;
const MATERIALS = /准备好以下信息|have the following ready/;
const HOTLINE = /客服热线|hotline/i;
const DEADLINE = /3 个月|3 months/;
const FEE = /no fee for cancelling/;

describe('several FAQ questions in one message', () => {
  it.each([
    ['审核一般几天？申请要准备哪些材料？', 'zh-CN', [REVIEW, MATERIALS]],
    ['客服电话多少 另外注销有期限吗', 'zh-CN', [HOTLINE, DEADLINE]],
    ['how many days does the review take and what do i need to prepare?', 'en-US', [REVIEW, MATERIALS]],
    ["what's your hotline? is there a time limit for cancelling?", 'en-US', [HOTLINE, DEADLINE]],
  ])('%j gets each answer, in the order asked', async (said, locale, answers) => {
    const c = chat({}, undefined, { user: `several ${said}` });
    const replies = texts(await c.send({ type: ActivityTypes.Message, text: said, locale }));
    expect(replies).toEqual(answers.map((answer) => expect.stringMatching(answer)));
  });

  it.each([
    ['审核要几天？大概多久能出结果？', 'zh-CN'],
    ['how long is the review? how many days roughly?', 'en-US'],
  ])('%j asks one thing twice: one answer', async (said, locale) => {
    const c = chat({}, undefined, { user: `one twice ${said}` });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(REVIEW)]);
  });

  it.each([
    ['机器用不了了。申请要准备哪些材料？', 'zh-CN'],
    ["my shop closed. what do i need to prepare?", 'en-US'],
  ])('%j tells a story around one question: one answer', async (said, locale) => {
    const c = chat({}, undefined, { user: `story ${said}` });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(MATERIALS)]);
  });

  it('in the middle of the application both are answered, then its question again', async () => {
    const c = chat({}, undefined, { user: 'several mid form' });
    await c.send(zh('我要注销'));
    await c.send(zh('开始办理'));
    const replies = texts(await c.send(en('how long does the review take and is there a fee?')));
    expect(replies).toEqual([expect.stringMatching(REVIEW), expect.stringMatching(FEE), expect.stringMatching(/When did you receive/)]);
    // The question still waits: a date is its answer.
    expect(texts(await c.send(en('last month')))).toEqual([expect.stringMatching(/Why would you like to cancel/)]);
  });

  it.each([
    ['审核一般几天？申请要准备哪些材料？', 'zh-CN', /预计在 .* 之间给出审核结果/],
    ['how many days does the review take and what do i need to prepare?', 'en-US', /Expected decision between/],
  ])('%j while the review runs: the materials, then that review\'s own window', async (said, locale, window) => {
    const user = `several under review ${said}`;
    const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    const replies = texts(await c.send({ type: ActivityTypes.Message, text: said, locale }));
    expect(replies).toEqual([expect.stringMatching(MATERIALS), expect.stringMatching(window)]);
    expect(replies[1]).toContain(reference);
  });

  it('at the summary both are answered and the summary shown again, the mobile unchanged', async () => {
    const c = chat({}, undefined, { user: 'several at summary' });
    for (const said of ['我要注销', '开始办理', '上个月', '经营变更', '王芳', '6212260200012345670', 'LKL12345673', '13800138000']) await c.send(zh(said));
    expect(texts(await c.send(zh('跳过'))).at(-1)).toMatch(/请核对您的申请信息/);
    const replies = texts(await c.send(zh('客服电话是多少 另外注销有期限吗')));
    expect(replies).toEqual([expect.stringMatching(HOTLINE), expect.stringMatching(DEADLINE), expect.stringMatching(/请核对您的申请信息[\s\S]*手机号：13800138000/)]);
  });
});

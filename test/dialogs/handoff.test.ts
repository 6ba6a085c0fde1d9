import { ActivityTypes } from 'botbuilder';
import { isOpen, parseDays } from '../../src/handoff/businessHours';
import { titles } from '../helpers/bot';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

// Staffed around the clock, every day, whatever the time the test runs.
const ALWAYS = { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' };
const CLOSED = { BUSINESS_HOURS: '00:00-00:00' };

/** Moves Date.now forward for one call (the sweep's "now"). */
async function later<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const real = Date.now();
  const spy = jest.spyOn(Date, 'now').mockReturnValue(real + ms);
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
}

describe('talking to a person', () => {
  it('a case proved in this conversation is updated while a person has it: its news comes here and is shown at once', async () => {
    const c = chat(ALWAYS, undefined, { user: 'Prover' });
    const { reference } = await submitCase({ owner: { userId: 'applicant', channelId: 'test', conversation: {} } });
    await c.cases.transition(reference, 'under_review', 'backoffice:alice');
    await c.send(`查询 ${reference}`);
    expect(texts(await c.send('1111'))[0]).toContain(reference);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工客服');
    const handoff = await c.active();
    await c.handoffs.claim(handoff!.id, 'alice');
    await c.settle();
    c.drain();
    const approved = await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 77, method: 'cash' });
    expect(approved.owner.latestConversation).toMatchObject({ conversation: { id: c.conversationId() } });
    await c.events.raise(approved.owner.latestConversation as Parameters<typeof c.events.raise>[0], { kind: 'caseUpdated', reference }, 'zh-CN');
    await c.settle();
    expect(texts(c.drain())).toEqual([expect.stringMatching(/审核通过[\s\S]*77\.00/)]);
  });

  it('queues with the transcript, relays everything both ways while the bot stays silent, and asks for a rating afterwards', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('我的卡号 4111 1111 1111 1111 注销要带什么材料');
    const queued = await c.send('转人工');

    const initiate = queued.find((a) => a.type === ActivityTypes.Event);
    expect(initiate?.name).toBe('handoff.initiate');
    const transcript = JSON.stringify(initiate?.attachments?.[0]?.content);
    expect(transcript).toContain('**** **** **** 1111');
    expect(transcript).not.toMatch(/4111\s?1111\s?1111\s?1111/);
    expect(texts(queued)).toEqual([expect.stringMatching(/正在为您转接人工客服/), expect.stringMatching(/排在第 1 位.*约 5 分钟/)]);
    expect(titles(queued[queued.length - 1])).toEqual(['取消等待']);

    const record = await c.active();
    expect(record).toMatchObject({ state: 'queued', kind: 'chat', context: { language: 'zh-CN', userId: 'merchant' } });
    expect(record?.context.intents).toHaveLength(1);

    // While queued, a message is kept for the agent and the user is reminded of their place.
    expect(texts(await c.send('还要等多久'))).toEqual([expect.stringMatching(/已转给人工客服.*第 1 位/)]);

    await c.handoffs.claim(record!.id, 'alice');
    expect(texts(c.drain())).toEqual([expect.stringMatching(/alice 已接入/)]);

    // Text, a card tap, a file and a page event: all to the agent, not a word from the bot.
    expect(await c.send('我的退款还没到账')).toEqual([]);
    expect(await c.send({ type: ActivityTypes.Message, value: { action: 'confirm', amount: 299 } })).toEqual([]);
    expect(await c.send({ type: ActivityTypes.Message, attachments: [{ contentType: 'image/png', name: 'receipt.png', contentUrl: 'data:image/png;base64,AA==' }] })).toEqual([]);
    // Page events are no messages for the person (the language switch: test/dialogs/languageSwitch.test.ts).
    expect(await c.send({ type: ActivityTypes.Event, name: 'webchat/join', value: {} })).toEqual([]);
    const lines = await c.handoffs.transcript(c.conversationId());
    const fromUser = lines.filter((l) => l.from === 'user');
    expect(fromUser.slice(-4)).toEqual([
      expect.objectContaining({ text: '还要等多久' }),
      expect.objectContaining({ text: '我的退款还没到账' }),
      expect.objectContaining({ text: '{"action":"confirm","amount":299}' }),
      expect.objectContaining({ attachments: [{ name: 'receipt.png', contentType: 'image/png' }] }),
    ]);

    await c.handoffs.fromAgent(record!.id, 'alice', '您好，请提供 POS 机背面的序列号', 'msg-1');
    await c.handoffs.typing(record!.id, 'alice');
    const fromAgent = c.drain();
    expect(fromAgent.map((a) => [a.type, a.text, a.textFormat])).toEqual([
      ['message', '您好，请提供 POS 机背面的序列号', 'plain'],
      ['typing', undefined, undefined],
    ]);

    await c.handoffs.endByAgent(record!.id, 'alice');
    const ended = c.drain();
    expect(texts(ended)).toEqual([expect.stringMatching(/人工客服已结束本次对话.*打个分/)]);
    expect(titles(ended[0])).toEqual(['5 非常满意', '4 满意', '3 一般', '2 不满意', '1 非常不满意', '跳过']);
    expect(texts(await c.send('4 满意'))).toEqual([expect.stringMatching(/感谢您的评价/)]);
    expect((await c.handoffs.get(record!.id))?.csat).toBe(4);
    expect(await c.active()).toBeUndefined();
    // Back with the bot.
    expect(texts(await c.send('审核要几天'))).toEqual([expect.stringMatching(/工作日/)]);
  });

  /** A chat an agent took and ended: the rating question is waiting. */
  async function askedForRating() {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    const record = await c.active();
    await c.handoffs.claim(record!.id, 'alice');
    await c.handoffs.endByAgent(record!.id, 'alice');
    expect(texts(c.drain()).at(-1)).toMatch(/打个分/);
    return { c, id: record!.id };
  }

  it.each([
    ['非常满意', 5],
    ['还不错', 4],
    ['不满意', 2],
    ['it was great, 5 stars', 5],
    ['meh 3', 3],
    ['给4分', 4],
    ['👍', 4],
    ['it was ok i guess', 3],
    ['she was helpful, 5/5', 5],
    ['8/10', 4],
    ['5分钟才接通，太差了', 1],
  ])('takes a rating in words: %j', async (text, score) => {
    const { c, id } = await askedForRating();
    expect(texts(await c.send(text))).toEqual([expect.stringMatching(/感谢您的评价|Thank you for your feedback/)]);
    expect((await c.handoffs.get(id))?.csat).toBe(score);
  });

  it('takes anything that is no rating as a new message, unrated', async () => {
    const { c, id } = await askedForRating();
    expect(texts(await c.send('审核要几天'))).toEqual([expect.stringMatching(/2-5 个工作日/)]);
    expect((await c.handoffs.get(id))?.csat).toBeUndefined();
    // The question is not asked again.
    expect(texts(await c.send('谢谢'))).not.toContainEqual(expect.stringMatching(/打个分/));
  });

  it('lets the user stop waiting, after which the bot answers again', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    const record = await c.active();
    expect(texts(await c.send('取消等待'))).toEqual([expect.stringMatching(/已取消排队/)]);
    expect(await c.handoffs.get(record!.id)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(await c.handoffs.queue()).toEqual([]);
    expect(texts(await c.send('审核要几天')).length).toBeGreaterThan(0);
  });

  it.each([
    ['不等了', 'zh-CN'],
    ['不用了', 'zh-CN'],
    ["I don't want to wait", 'en-US'],
    ['nvm i dont need an agent anymore', 'en-US'],
    ['算了我自己弄吧', 'zh-CN'],
  ])('%j while queued stops waiting', async (text, locale) => {
    const c = chat(ALWAYS, undefined, { user: `stops ${text}` });
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    const record = await c.active();
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(/已取消排队|left the queue/)]);
    expect(await c.handoffs.get(record!.id)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
  });

  it.each([
    ['不等了，我继续填表', 'zh-CN', /^已取消排队，您回到了智能助手。$/, /刚才的注销申请还没填完/, '继续填写', /结算银行卡号/],
    ['stop waiting', 'en-US', /^You've left the queue and are back with the assistant\.$/, /application isn't finished yet/, 'Continue', /settlement bank card number/],
  ])('%j while queued in the middle of the application: out of the queue, and the application offered where it stopped', async (text, locale, left, offer, go, next) => {
    const c = chat(ALWAYS, undefined, { user: `back to the form ${locale}` });
    await c.handoffs.heartbeat('alice');
    for (const said of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三']) await c.send(said);
    await c.send('转人工客服');
    const record = await c.active();
    const replies = await c.send({ text, locale });
    expect(texts(replies)).toEqual([expect.stringMatching(left), expect.stringMatching(offer)]);
    expect(titles(replies[1])).toContain(go);
    expect(await c.handoffs.get(record!.id)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(texts(await c.send({ text: go, locale }))).toEqual([expect.stringMatching(next)]);
  });

  it('tells the user when their agent is lost and puts them back in the queue at their original place, which it then names', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    const record = await c.active();
    await c.handoffs.claim(record!.id, 'alice');
    c.drain();
    await later(61_000, () => c.handoffs.sweep());
    await c.settle();
    // The notice promises no place ("the front") that the position message after it might contradict.
    const [notice, position] = texts(c.drain());
    expect(notice).toMatch(/连接中断.*原来的排队顺序/);
    expect(notice).not.toMatch(/最前面/);
    expect(position).toMatch(/排在第 1 位/);
    expect(await c.active()).toMatchObject({ state: 'queued', agent: undefined });
  });

  it('when nobody takes the chat in time, offers to leave a message', async () => {
    const c = chat({ ...ALWAYS, HANDOFF_MAX_WAIT_MINUTES: '2' });
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    await later(60_000, () => c.handoffs.sweep());
    expect(c.drain()).toEqual([]);
    await later(121_000, () => c.handoffs.sweep());
    await c.settle();
    const offered = c.drain();
    expect(texts(offered)).toEqual([expect.stringMatching(/一直没有人工客服能接待您.*要留言吗/)]);
    expect(titles(offered[0])).toEqual(['我要留言', '不用了']);
    expect(await c.active()).toBeUndefined();
    expect(texts(await c.send('我要留言'))).toEqual([expect.stringMatching(/简单说明/)]);
  });

  it.each([
    ['那我留言吧', /简单说明/],
    // The message itself, typed at once: the number to call back is asked next.
    ['我的注销申请审核超时了 请尽快处理', /手机号/],
  ])('with nobody online, %j at "leave a message?" is taken', async (said, next) => {
    const c = chat(ALWAYS, undefined, { user: `Leaves ${said.length}` });
    expect(titles((await c.send('转人工'))[0])).toEqual(['我要留言', '不用了']);
    expect(texts(await c.send(said))).toEqual([expect.stringMatching(next)]);
  });

  it.each([
    ['转人工', '我要注销POS机', /整个流程分 6 步/],
    ['talk to a person', 'I want to cancel my POS terminal', /There are 6 steps/],
  ])('outside business hours, asking to cancel at "leave a message?" starts the application rather than taking it for the message (%j)', async (ask, cancel, journey) => {
    const c = chat(CLOSED, undefined, { user: `Cancels instead ${ask}` });
    const lang = (text: string) => ({ type: ActivityTypes.Message, text, locale: ask === '转人工' ? 'zh-CN' : 'en-US' });
    expect(texts(await c.send(lang(ask)))).toHaveLength(1);
    expect(texts(await c.send(lang(cancel)))).toEqual([expect.stringMatching(journey)]);
    expect(await c.handoffs.queue()).toEqual([]);
  });

  it('the number to call back may be a landline with its area code', async () => {
    const c = chat(CLOSED);
    await c.send({ type: ActivityTypes.Message, text: 'agent', locale: 'en-US' });
    await c.send({ type: ActivityTypes.Message, text: 'Leave a message', locale: 'en-US' });
    await c.send({ type: ActivityTypes.Message, text: 'please call me about my refund', locale: 'en-US' });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: '021-64001234', locale: 'en-US' }))).toEqual([expect.stringMatching(/call you back on 02164001234/)]);
    expect((await c.handoffs.queue()).at(-1)).toMatchObject({ kind: 'callback', context: { mobile: '02164001234' } });
  });

  it('with nobody online, turns a message into a callback request in the queue, tied to the latest case', async () => {
    const record = await submitCase({ fullName: '张三', mobile: '13800138000', reason: { code: 'other' }, owner: { userId: 'merchant', channelId: 'test', conversation: {} } });
    const c = chat(ALWAYS);
    const offered = await c.send('转人工');
    expect(texts(offered)).toEqual([expect.stringMatching(/没有可以接待的人工客服.*95016/)]);
    expect(titles(offered[0])).toEqual(['我要留言', '不用了']);
    await c.send('我要留言');
    await c.send('我的卡号 4111 1111 1111 1111 退款没到');
    expect(texts(await c.send('12345'))).toEqual([expect.stringMatching(/11 位/)]);
    const saved = texts(await c.send('13900001111'));
    expect(saved[0]).toContain('13900001111');
    expect(saved[0]).toContain(record.reference);
    const [callback] = await c.handoffs.queue();
    expect(callback).toMatchObject({
      kind: 'callback',
      context: { userId: 'merchant', mobile: '13900001111', caseReference: record.reference, cardMasked: '**** **** **** 1111', message: '我的卡号 **** **** **** 1111 退款没到' },
    });
    // A callback does not hold the conversation: the bot still answers.
    expect(await c.active()).toBeUndefined();
  });

  it.each([
    ['zh-CN', '转人工', '我要留言', '就打我申请时留的那个号吧', /申请时留的手机号 138\*\*\*\*8000/, /通过 138\*\*\*\*8000 回电/],
    ['en-US', 'agent please', 'Leave a message', 'Call that number', /from your application, 138\*\*\*\*8000/, /call you back on 138\*\*\*\*8000/],
  ])('a merchant with an application is offered its mobile for the callback (%s), shown masked', async (locale, ask, leave, same, offered, saved) => {
    const user = `callback on file ${locale}`;
    const record = await submitCase({ mobile: '13800138000', owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat(ALWAYS, undefined, { user });
    const say = async (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(ask);
    await say(leave);
    const asked = await say('the refund has not arrived after two weeks, 退款两周了还没到');
    expect(texts(asked)).toEqual([expect.stringMatching(offered)]);
    expect(titles(asked[0])).toHaveLength(1);
    // "not that one": another number is asked for, the application's is not taken.
    expect(texts(await say(locale === 'zh-CN' ? '不是这个号' : 'no, not that one'))).toEqual([expect.stringMatching(/11/)]);
    expect(texts(await say(same))).toEqual([expect.stringMatching(saved)]);
    const callback = (await c.handoffs.queue()).find((h) => h.context.userId === user.toLowerCase());
    expect(callback).toMatchObject({ kind: 'callback', context: { mobile: '13800138000', caseReference: record.reference } });
  });

  it.each([
    ['nevermind, i will try the bot', 'en-US', /anything else I can help with/],
    ['算了 不留言了', 'zh-CN', /还有其他可以帮您的吗/],
  ])('"%s" when asked for the message leaves nothing', async (said, locale, reply) => {
    const user = `drops message ${locale}`;
    const c = chat(ALWAYS, undefined, { user });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(locale === 'en-US' ? 'talk to agent' : '转人工');
    await say(locale === 'en-US' ? 'yes' : '好的');
    expect(texts(await say(said))).toEqual([expect.stringMatching(reply)]);
    expect((await c.handoffs.queue()).filter((h) => h.context.userId === user.toLowerCase())).toEqual([]);
  });

  it('a longer message that begins "算了" is the message', async () => {
    const c = chat(ALWAYS, undefined, { user: 'sighs then tells' });
    for (const text of ['转人工', '好的']) await c.send(text);
    expect(texts(await c.send('算了算了，就是退款一直没到'))).toEqual([expect.stringMatching(/电话号码/)]);
  });

  it('"No thanks" when asked for the message leaves nothing; the hotline asked at the number question is given with what number to leave', async () => {
    const c = chat(ALWAYS, undefined, { user: 'no message after all' });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale: 'en-US' });
    await say('talk to agent');
    await say('yes');
    expect(texts(await say('No thanks'))).toEqual([expect.stringMatching(/anything else I can help with/)]);
    await say('talk to agent');
    await say('yes');
    await say('the refund did not come');
    const [help, again] = texts(await say('what is the hotline number?'));
    expect(help).toMatch(/landline with its area code[\s\S]*95016/);
    expect(again).toMatch(/phone number/);
    const left = (await c.handoffs.queue()).filter((h) => h.context.userId === 'no message after all');
    expect(left).toEqual([]);
  });

  it.each([
    ['i want to leave message: please call me back at 13800138000, my refund never came', 'en-US', /call you back on 13800138000/],
    ['我要留言，退款一直没到，电话13900001111', 'zh-CN', /通过 13900001111 回电/],
  ])('the message and the number said with the request (%j) are left at once', async (said, locale, saved) => {
    const user = `leaves at once ${locale}`;
    const c = chat(ALWAYS, undefined, { user });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(saved)]);
    expect((await c.handoffs.queue()).find((h) => h.context.userId === user.toLowerCase())).toMatchObject({ kind: 'callback' });
  });

  it('the chat reopened while a message is being left asks for the number again; the message typed is kept', async () => {
    const user = 'reopens while leaving';
    const c = chat(ALWAYS, undefined, { user });
    await c.send('转人工');
    await c.send('我要留言');
    await c.send('审核太慢了 帮我催催');
    const reopened = texts(await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: user, name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } }));
    expect(reopened.at(-1)).toMatch(/电话号码/);
    await c.send('13900001111');
    expect((await c.handoffs.queue()).find((h) => h.context.userId === user)).toMatchObject({ kind: 'callback', context: { mobile: '13900001111', message: '审核太慢了 帮我催催' } });
  });

  it('"昨天留言了怎么没人回电话" is told the message waits for its call back, on which number; with none waiting it is routed as usual', async () => {
    const user = 'asks about the call back';
    const c = chat(ALWAYS, undefined, { user });
    expect(texts(await c.send('昨天留言了怎么没人回电话')).join('\n')).not.toMatch(/等工作人员回电/);
    await c.send('转人工');
    await c.send('我要留言');
    await c.send('审核太慢了 帮我催催');
    await c.send('13900001111');
    expect(texts(await c.send('昨天留言了怎么没人回电话'))).toEqual([expect.stringMatching(/留的言我们已经记下了，正在等工作人员回电（139\*\*\*\*1111）[\s\S]*95016/)]);
  });

  it.each(['nah its ok i will call hotline myself', '不用了 我自己打热线'])('%j at "leave a message?" leaves none', async (said) => {
    const user = `declines message ${said.length}`;
    const c = chat(ALWAYS, undefined, { user });
    const locale = /[a-z]/.test(said) ? 'en-US' : 'zh-CN';
    await c.send({ type: ActivityTypes.Message, text: locale === 'en-US' ? 'agent' : '转人工', locale });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(/anything else I can help with|还有其他可以帮您的吗/)]);
    expect((await c.handoffs.queue()).filter((h) => h.context.userId === user)).toEqual([]);
  });

  it('"我要留言 退款一直没到", its sentences broken by a space, asks for a person', async () => {
    const c = chat(ALWAYS, undefined, { user: 'spaced request' });
    expect(texts(await c.send('我要留言 退款一直没到'))).toEqual([expect.stringMatching(/要留言吗/)]);
  });

  it('a message to call back that holds the mobile number is not asked for it again', async () => {
    const c = chat(ALWAYS, undefined, { user: 'caller with number' });
    await c.send('转人工');
    await c.send('我要留言');
    const saved = texts(await c.send('我的机器退不了，请给我回电话 13700001234'));
    expect(saved).toEqual([expect.stringContaining('13700001234')]);
    const callback = (await c.handoffs.queue()).find((h) => h.context.userId === 'caller with number');
    expect(callback).toMatchObject({ kind: 'callback', context: { mobile: '13700001234' } });
  });

  it('"请给我回电话 13800138000" at "leave a message?" asks what it is about, never for that number again', async () => {
    const user = 'number with the yes';
    const c = chat(ALWAYS, undefined, { user });
    await c.send('转人工');
    expect(texts(await c.send('请给我回电话 13800138000'))).toEqual([expect.stringMatching(/请简单说明/)]);
    expect(texts(await c.send('退款一直没到账'))).toEqual([expect.stringMatching(/通过 13800138000 回电/)]);
    expect((await c.handoffs.queue()).find((h) => h.context.userId === user)).toMatchObject({ kind: 'callback', context: { mobile: '13800138000', message: '退款一直没到账' } });
  });

  it.each([
    ['13800138000', 'zh-CN', /请简单说明/, '退款少了钱'],
    ['138 0013 8000', 'en-US', /briefly/, 'refund short by 30'],
  ])('%j alone at "leave a message?" is the number to call: what it is about is asked, and the number is not the message', async (number, locale, asked, message) => {
    const user = `number alone ${locale.toLowerCase()}`;
    const c = chat(ALWAYS, undefined, { user });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(locale === 'en-US' ? 'agent' : '转人工');
    expect(texts(await say(number))).toEqual([expect.stringMatching(asked)]);
    expect(texts(await say(message))).toEqual([expect.stringContaining('13800138000')]);
    expect((await c.handoffs.queue()).find((h) => h.context.userId === user)).toMatchObject({ kind: 'callback', context: { mobile: '13800138000', message } });
  });

  it('"我的退款少了30块" at "leave a message?" is the message itself (a Chinese sentence of nine characters says as much as a longer English one)', async () => {
    const user = 'short chinese message';
    const c = chat(ALWAYS, undefined, { user });
    await c.send('转人工');
    expect(texts(await c.send('我的退款少了30块'))).toEqual([expect.stringMatching(/手机号/)]);
    await c.send('13800138000');
    expect((await c.handoffs.queue()).find((h) => h.context.userId === user)).toMatchObject({ context: { mobile: '13800138000', message: '我的退款少了30块' } });
  });

  it('outside business hours says so; "no thanks" leaves nothing', async () => {
    const c = chat(CLOSED);
    await c.handoffs.heartbeat('alice');
    expect(texts(await c.send('我要找真人客服'))).toEqual([expect.stringMatching(/不在人工客服的服务时间/)]);
    expect(texts(await c.send('不用了'))).toEqual([expect.stringMatching(/还有其他可以帮您的吗/)]);
    expect(await c.handoffs.queue()).toEqual([]);
  });

  it.each([
    ['1-5', '我要找真人客服', /（工作日 00:00-00:00）/],
    ['1-6', '我要找真人客服', /（周一至周六 00:00-00:00）/],
    ['1-7', '我要找真人客服', /（每天 00:00-00:00）/],
    ['1-3,5', 'can I talk to a person', /\(Mon to Wed, Fri 00:00-00:00\)/],
  ])('outside business hours the staffed days are said as configured (BUSINESS_DAYS=%s)', async (days, ask, said) => {
    const c = chat({ ...CLOSED, BUSINESS_DAYS: days }, undefined, { user: `Days ${days}` });
    const locale = /[a-z]/.test(ask) ? 'en-US' : 'zh-CN';
    expect(texts(await c.send({ type: ActivityTypes.Message, text: ask, locale }))).toEqual([expect.stringMatching(said)]);
  });

  it('asking for a person in the middle of the application hands off (the agent sees what was said)', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('我要注销POS机');
    await c.send('开始办理');
    const replies = await c.send('转人工客服');
    expect(texts(replies)[0]).toMatch(/正在为您转接人工客服/);
    expect((await c.active())?.context.intents).toContain('cancel_pos');
  });

  it.each([
    ['en-US', ['cancel my pos', 'yes', 'last month', 'business change', 'Zhao Lei'], 'transfer me to customer service pls', /connecting you to a person/],
    ['en-US', ['cancel my pos', 'yes', 'last month', 'business change', 'Zhao Lei'], 'can i talk to someone, i have question about the deposit', /connecting you to a person/],
    ['zh-CN', ['我要注销POS机', '开始办理', '上个月', '设备坏了', '张三'], '这个卡号我不太确定，能转人工吗', /正在为您转接人工客服/],
  ])('at the card question (%s), "%s"… asks for a person, as a question or not, and gets one', async (locale, before, ask, connecting) => {
    const c = chat(ALWAYS, undefined, { user: `asks mid-form ${ask}` });
    await c.handoffs.heartbeat('alice');
    for (const text of before) await c.send({ type: ActivityTypes.Message, text, locale });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: ask, locale }))[0]).toMatch(connecting);
    expect(await c.active()).toMatchObject({ state: 'queued' });
  });

  it('after two messages in a row it did not understand, the bot suggests a person plainly', async () => {
    const c = chat(ALWAYS);
    const first = await c.send('明天上海会下雨吗');
    expect(texts(first)[0]).toMatch(/超出了我能回答的范围/);
    const second = await c.send('推荐一部好看的电影');
    expect(texts(second)[0]).toMatch(/这几个问题我都没能帮上忙。建议转人工客服/);
    expect(titles(second[0])).toEqual(['转人工客服']);
  });

  it.each(['我要留言', 'I want to leave a message'])('%j reaches a person (or, with nobody free, the message to leave), not the FAQ on what to keep', async (said) => {
    const c = chat(CLOSED);
    const [reply] = await c.send({ type: ActivityTypes.Message, text: said, locale: /[a-z]/.test(said) ? 'en-US' : 'zh-CN' });
    expect(titles(reply)).toEqual([expect.stringMatching(/我要留言|Leave a message/), expect.stringMatching(/不用了|No thanks/)]);
  });

  it.each(['你是机器人吗', 'are you a real person?'])('%j is told it is a bot, and that a person is a tap away (no queue yet)', async (said) => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    const [reply] = await c.send({ type: ActivityTypes.Message, text: said, locale: /[a-z]/.test(said) ? 'en-US' : 'zh-CN' });
    expect(reply.text).toMatch(/自动回复的机器人|an automated bot/);
    expect(titles(reply)?.[0]).toMatch(/转人工客服|Talk to a person/);
    expect(await c.active()).toBeUndefined();
  });

  it.each(['那我等着', '好的，我等短信', 'ok I will wait'])('%j is waiting for news, not for a person', async (said) => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    const replies = texts(await c.send({ type: ActivityTypes.Message, text: said, locale: /[a-z]/.test(said) ? 'en-US' : 'zh-CN' }));
    expect(replies).toEqual([expect.stringMatching(/有新进展会通过短信和这里通知您|Any news will come by SMS and here/)]);
    expect(await c.active()).toBeUndefined();
  });

  it.each(['好', '嗯', 'ok'])('a bare %j with nothing asked is shown what can be done: not out of scope, and no person on the next yes', async (ack) => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    const [reply] = await c.send(ack);
    expect(reply.text).toMatch(/请问有什么可以帮您|How can I help/);
    expect(titles(reply)).toHaveLength(4);
    await c.send('嗯');
    expect(await c.active()).toBeUndefined();
  });

  it.each([
    ['明天上海会下雨吗', '好的'],
    ['can I get a loan from you?', 'yes'],
  ])('after an out-of-scope answer offering a person (%j), a bare yes (%j) is that person', async (question, yes) => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    const locale = /[a-z]/.test(question) ? 'en-US' : 'zh-CN';
    expect(titles((await c.send({ type: ActivityTypes.Message, text: question, locale }))[0])).toEqual([expect.stringMatching(/转人工客服|Talk to a person/)]);
    expect(await c.active()).toBeUndefined();
    await c.send({ type: ActivityTypes.Message, text: yes, locale });
    expect(await c.active()).toMatchObject({ state: 'queued' });
  });

  it.each([
    ['明天上海会下雨吗', '不用了', /好的，那就先不转人工/],
    ['can I get a loan from you?', 'no thanks', /OK, no person then/],
  ])('after an out-of-scope answer offering a person (%j), a bare no (%j) is answered: no person, what else can be done', async (question, no, reply) => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    const locale = /[a-z]/.test(question) ? 'en-US' : 'zh-CN';
    await c.send({ type: ActivityTypes.Message, text: question, locale });
    const answer = await c.send({ type: ActivityTypes.Message, text: no, locale });
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(titles(answer[0])).toHaveLength(4);
    expect(await c.active()).toBeUndefined();
  });

  it.each([
    ['我卡上多了一笔不认识的扣款 58块', '好的', /立即[\s\S]*95016/],
    ['i see a transaction 0.01 yuan i dont know on my card, what to do', 'yes', /straight away[\s\S]*95016/],
    ['there is a charge on my card I did not make', 'ok', /straight away/],
  ])('a transaction the merchant does not know (%j) is for customer service at once, and a yes next is a person', async (said, yes, atOnce) => {
    const c = chat(ALWAYS, undefined, { user: `unknown charge ${said}` });
    await c.handoffs.heartbeat('alice');
    const locale = /[a-z]/.test(said) ? 'en-US' : 'zh-CN';
    const [reply] = await c.send({ type: ActivityTypes.Message, text: said, locale });
    expect(reply.text).toMatch(atOnce);
    expect(titles(reply)).toEqual([expect.stringMatching(/转人工客服|Talk to a person/)]);
    await c.send({ type: ActivityTypes.Message, text: yes, locale });
    expect(await c.active()).toMatchObject({ state: 'queued' });
  });

  it('follows handoff.status from a contact-centre channel', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    await c.send('转人工');
    await c.send({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'accepted' } });
    expect(await c.active()).toMatchObject({ state: 'assigned', agent: 'contact-centre' });
    expect(await c.send('你好')).toEqual([]);
    // A malformed status changes nothing.
    expect(await c.send({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'whatever' } })).toEqual([]);
    // The rating question follows the status, as a turn of its own.
    expect(texts(await c.send({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'completed' } }))).toEqual([expect.stringMatching(/打个分/)]);
    expect(await c.active()).toBeUndefined();
  });

  it('business hours follow the Shanghai clock and the staffed weekdays', () => {
    const hours = { open: '09:00', close: '18:00', days: parseDays('1-5'), holidays: new Set(['2026-10-01']) };
    expect(isOpen(new Date('2026-11-24T02:00:00Z'), hours)).toBe(true); // Tue 10:00 in Shanghai
    expect(isOpen(new Date('2026-11-24T10:30:00Z'), hours)).toBe(false); // Tue 18:30
    expect(isOpen(new Date('2026-11-28T02:00:00Z'), hours)).toBe(false); // Saturday
    expect(isOpen(new Date('2026-11-28T02:00:00Z'), { ...hours, days: parseDays('1-5,6') })).toBe(true);
    expect(isOpen(new Date('2026-10-01T02:00:00Z'), hours)).toBe(false); // holiday
    expect(isOpen(new Date('2026-11-24T15:59:00Z'), { ...hours, open: '00:00', close: '24:00' })).toBe(true); // 23:59
    expect([...parseDays('1-3,6')]).toEqual([1, 2, 3, 6]);
  });
});

describe('when a person is on duty, asked', () => {
  const HOURS = { BUSINESS_HOURS: '09:00-18:00', BUSINESS_DAYS: '1-6' };

  it.each([
    ['客服几点下班', 'zh-CN', /人工客服的服务时间是周一至周六 09:00-18:00[\s\S]*95016/, '转人工客服'],
    ['are you open on sundays?', 'en-US', /on duty Mon to Sat 09:00-18:00[\s\S]*95016/, 'Talk to a person'],
  ])('%j: the configured staffed days and hours, the hotline, and the way to a person (was out of scope or a guess)', async (asked, locale, hours, person) => {
    const c = chat(HOURS, undefined, { user: `hours ${locale.toLowerCase()}` });
    const [reply, ...more] = await c.send({ type: ActivityTypes.Message, text: asked, locale });
    expect(more.filter((a) => a.type === ActivityTypes.Message)).toEqual([]);
    expect(reply.text).toMatch(hours);
    expect(titles(reply)).toEqual([person]);
  });

  it('asked at a question of the application: the hours, then the question again', async () => {
    const c = chat(HOURS, undefined, { user: 'hours mid form' });
    for (const said of ['我要注销POS机', '开始办理']) await c.send(said);
    expect(texts(await c.send('你们周末上班吗'))).toEqual([expect.stringMatching(/服务时间是周一至周六/), expect.stringMatching(/什么时候收到/)]);
  });
});

import { ActivityTypes } from 'botbuilder';
import { botAdapter as adapterFor, titles } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';
import { submitCase } from '../helpers/cases';

describe('main dialog and bot shell', () => {
  it('answers a message of spaces only with what it can do, not "out of scope"', async () => {
    await adapterFor()
      .send({ type: ActivityTypes.Message, text: '   ', locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).toBe('请问有什么可以帮您？可以点下面的按钮，也可以直接输入您的问题。');
        expect(titles(reply)).toEqual(['注销我的POS机', '查询办理进度', '常见问题', '转人工客服']);
      })
      .startTest();
  });

  it('welcomes a joining user with the brand and the four main actions', async () => {
    const adapter = adapterFor();
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'user' }], locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).toContain('拉卡拉');
        expect(reply.text).toContain('95016');
        expect(titles(reply)).toEqual(['注销我的POS机', '查询办理进度', '常见问题', '转人工客服']);
      })
      .startTest();
  });

  it('does not welcome when only the bot joins', async () => {
    const adapter = adapterFor();
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } })
      .send('hello')
      .assertReply((reply) => expect(reply.text).toMatch(/How can I help you today/))
      .startTest();
  });

  it('uses the configured brand and hotline', async () => {
    const adapter = adapterFor({ BRAND_NAME_EN: 'Acme Pay', SUPPORT_HOTLINE: '400-000-1234' });
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'user' }], locale: 'en-US' })
      .assertReply((reply) => {
        expect(reply.text).toContain('Acme Pay');
        expect(reply.text).toContain('400-000-1234');
        expect(titles(reply)).toEqual(['Cancel my POS terminal', 'Check my application', 'Common questions', 'Talk to a person']);
      })
      .startTest();
  });

  it('switches language on request and keeps it, whatever the channel locale says', async () => {
    const adapter = adapterFor();
    adapter.locale = 'zh-CN';
    await adapter
      .send('在吗')
      .assertReply((reply) => expect(reply.text).toMatch(/请问有什么可以帮您/))
      .send('English')
      // The page is told, so that its own words follow.
      .assertReply((event) => expect(event).toMatchObject({ type: 'event', name: 'webchat/language', value: 'en' }))
      .assertReply((reply) => {
        expect(reply.text).toMatch(/English/);
        expect(titles(reply)).toContain('Talk to a person');
      })
      .send('在吗')
      .assertReply((reply) => expect(reply.text).toMatch(/How can I help you today/))
      .send({ type: ActivityTypes.Event, name: 'webchat/language', value: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).toMatch(/中文/))
      .send('hello')
      .assertReply((reply) => expect(reply.text).toMatch(/请问有什么可以帮您/))
      .startTest();
  });

  it('ignores unknown events and a language event with a bad value', async () => {
    const adapter = adapterFor();
    await adapter
      .send({ type: ActivityTypes.Event, name: 'something/else' })
      .send({ type: ActivityTypes.Event, name: 'webchat/language', value: { evil: true } })
      .send('hi')
      .assertReply((reply) => expect(reply.text).toMatch(/How can I help you today/))
      .startTest();
  });
});

describe('stopping the application before anything was filled in', () => {
  it.each([
    ['算了', '还是继续吧', 'zh-CN', /什么时候收到/],
    ['forget it', 'actually I want to continue', 'en-US', /When did you receive/],
  ])('%j, then %j, begins it again', async (stop, goOn, locale, dateQuestion) => {
    const c = chat({}, undefined, { user: `go on ${locale}` });
    await c.send({ text: locale === 'en-US' ? 'cancel my pos' : '我要注销', locale });
    expect(texts(await c.send({ text: locale === 'en-US' ? 'yes' : '好', locale })).at(-1)).toMatch(dateQuestion);
    expect(texts(await c.send({ text: stop, locale })).at(-1)).toMatch(/停止|stopped/);
    expect(texts(await c.send({ text: goOn, locale })).at(-1)).toMatch(dateQuestion);
  });

  it('a question after stopping is answered, and "continue" after that begins nothing', async () => {
    const c = chat({}, undefined, { user: 'stop then ask' });
    await c.send('我要注销');
    await c.send('好');
    await c.send('算了');
    expect(texts(await c.send('审核要几天')).join('\n')).toMatch(/2-5 个工作日/);
    expect(texts(await c.send('继续')).join('\n')).not.toMatch(/什么时候收到/);
  });
});

describe('several terminals to cancel', () => {
  it.each([
    ['我有两台机器都要注销', 'zh-CN', /分别提交一份申请/],
    ['I need to cancel two terminals', 'en-US', /its own application/],
    ['I have 3 terminals to cancel, do I need to apply 3 times?', 'en-US', /its own application/],
    ['我有三台机器 要申请三次吗', 'zh-CN', /分别提交一份申请/],
    // Read by the classifier as applying for a terminal, or losing one.
    ['can i put two terminals on one application', 'en-US', /its own application/],
    ['i have 2 terminals, do i apply twice?', 'en-US', /its own application/],
  ])('%j is told one application per terminal, then the first begins', async (text, locale, told) => {
    const replies = texts(await chat({}, undefined, { user: `several ${text}` }).send({ text, locale }));
    expect(replies[0]).toMatch(told);
    expect(replies.at(-1)).toMatch(/现在开始填写申请吗|什么时候收到|Shall we start|When did you receive/);
  });

  it.each([
    ['好', 'zh-CN', /我们接着来[\s\S]*什么时候收到/, /没看懂/],
    ['ok', 'en-US', /carry on[\s\S]*When did you receive/, /couldn't read/],
  ])('"%s" to the note is heard, and the date asked again without "cannot read that date"', async (ok, locale, again, error) => {
    const c = chat({}, undefined, { user: `several then ${ok}` });
    let asked = texts(await c.send({ text: locale === 'en-US' ? 'I need to cancel two terminals' : '我有两台机器都要注销', locale })).join('\n');
    // (Where "shall we start?" comes first, the first "ok" is its yes.)
    if (!/什么时候收到|When did you receive/.test(asked)) asked = texts(await c.send({ text: ok, locale })).join('\n');
    expect(asked).toMatch(/什么时候收到|When did you receive/);
    const replies = texts(await c.send({ text: ok, locale })).join('\n');
    expect(replies).toMatch(again);
    expect(replies).not.toMatch(error);
  });

  it.each([
    ['can i add another terminal to this application', 'en-US', /its own application[\s\S]*stays as it is/, 'yes', /When did you receive/],
    ['我还有一台 能加到这个申请里一起办吗', 'zh-CN', /分别提交一份申请[\s\S]*保持不变/, '好的', /什么时候收到/],
  ])('%j with an application open: one a terminal, the open one kept; a yes next starts the other one\'s', async (text, locale, told, yes, started) => {
    const user = `add to open ${locale.toLowerCase()}`;
    await submitCase({ owner: { userId: user, channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user });
    expect(texts(await c.send({ text, locale }))).toEqual([expect.stringMatching(told)]);
    expect(texts(await c.send({ text: yes, locale })).at(-1)).toMatch(started);
  });

  it('one terminal is told nothing of it', async () => {
    expect(texts(await chat({}, undefined, { user: 'one terminal' }).send('我要注销pos')).join('\n')).not.toMatch(/分别提交/);
  });
});

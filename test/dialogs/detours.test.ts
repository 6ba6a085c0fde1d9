import { ActivityTypes, MemoryStorage, type TestAdapter } from 'botbuilder';
import { addDays, localDate } from '../../src/cases/dates';
import { formatDate } from '../../src/i18n/format';
import { botHarness, titles } from '../helpers/bot';
import { CARD, cardToEmail, en, toDate, toEmail, toMobile, toName, toReview, zh, type Flow } from '../helpers/applicationFlow';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';
import { testDatabase } from '../helpers/database';
import { FUNNEL_STEPS } from '../../src/dashboard/funnel';

const today = localDate(new Date());
const recent = addDays(today, -10);
const ALWAYS = { BUSINESS_HOURS: '00:00-24:00', BUSINESS_DAYS: '1-7' };

/** The bot for `user` in conversation `id`, its state in `storage` (another conversation of the same user days later). */
function inConversation(storage: MemoryStorage, user: string, id?: string) {
  const harness = botHarness({ DRAFT_TTL_DAYS: '7' }, { storage, user });
  if (id) harness.adapter.conversation = { ...harness.adapter.conversation, conversation: { id, isGroup: false, name: '' } } as typeof harness.adapter.conversation;
  return harness;
}

describe('the application survives detours', () => {
  it('"算了" asks whether to keep; kept, it is offered again in a new conversation of the same user and continues at the question it was on', async () => {
    const storage = new MemoryStorage();
    const first = inConversation(storage, 'Merchant').adapter;
    await toName(first)
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .send(zh('算了'))
      .assertReply((r) => {
        expect(r.text).toMatch(/保留 7 天/);
        expect(titles(r)).toEqual(['停止并保留', '停止并删除', '继续填写']);
      })
      .send(zh('停止并保留'))
      .assertReply((r) => expect(r.text).toMatch(/保留到 \d{4}年\d{1,2}月\d{1,2}日/))
      .startTest();

    // Days later, another conversation of the same user.
    const second = inConversation(storage, 'Merchant', 'another-conversation').adapter;
    await second
      .send(zh('你好'))
      .assertReply((r) => {
        expect(r.text).toMatch(/还没填完的注销申请/);
        expect(titles(r)).toEqual(['继续填写', '以后再说', '删除草稿']);
      })
      .send(zh('继续填写'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(zh(CARD))
      .assertReply((r) => expect(r.text).toMatch(/机身号/))
      .startTest();
  });

  it('a draft past its keeping is said to be gone when the merchant comes back, and the application starts afresh', async () => {
    const storage = new MemoryStorage();
    let now = new Date();
    const harness = (id?: string) => {
      const h = botHarness({ DRAFT_TTL_DAYS: '7' }, { storage, user: 'Expired', now: () => now });
      if (id) h.adapter.conversation = { ...h.adapter.conversation, conversation: { id, isGroup: false, name: '' } } as typeof h.adapter.conversation;
      return h;
    };
    await toName(harness().adapter)
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .startTest();
    now = new Date(Date.now() + 8 * 86_400_000);
    await harness('eight-days-later')
      .adapter.send(zh('我要注销POS机'))
      .assertReply((r) => expect(r.text).toMatch(/^您上次没填完的注销申请只保留到 \d{4}年\d{1,2}月\d{1,2}日，已经删除了/))
      .assertReply((r) => expect(r.text).toMatch(/6 步/))
      .startTest();
  });

  it("an application finished in a later conversation counts in the dashboard's funnel where it began, up to its submission", async () => {
    const storage = new MemoryStorage();
    const [began, finished] = [`began-${Date.now()}`, `finished-${Date.now()}`];
    const first = inConversation(storage, 'Returning', began);
    await toName(first.adapter)
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .send(zh('算了'))
      .assertReply(() => undefined)
      .send(zh('停止并保留'))
      .assertReply(() => undefined)
      .startTest();

    const second = inConversation(storage, 'Returning', finished);
    await cardToEmail(
      second.adapter
        .send(zh('你好'))
        .assertReply((r) => expect(titles(r)).toEqual(['继续填写', '以后再说', '删除草稿']))
        .send(zh('继续填写'))
        .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/)),
      'LKL13572468',
    )
      .assertReply(() => undefined)
      .send(zh('不用了'))
      .assertReply((r) => expect(r.text).toMatch(/请核对您的申请信息/))
      .send(zh('确认无误'))
      .assertReply((r) => expect(r.text).toMatch(/电子签名/))
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/PC-\d{4}-[0-9A-Z]{6}/))
      .startTest();

    // One after the other, as days apart: the row the application began is written before the later steps update it.
    await first.funnel.flush();
    await second.funnel.flush();
    const db = await testDatabase().db();
    const rows = await db.selectFrom('applications').select(['conversation_id', 'steps']).where('conversation_id', 'in', [began, finished]).execute();
    expect(rows.map((r) => r.conversation_id)).toEqual([began]);
    expect(FUNNEL_STEPS.filter((_, i) => rows[0].steps & (1 << i))).toEqual([...FUNNEL_STEPS]);
  });

  it.each([
    ['我要注销POS机', zh, /结算银行卡号/],
    ['I want to cancel my terminal', en, /settlement bank card number/],
    ['不用了，我已经打电话办好了', zh, /^好的，草稿为您保留到 \d{4}年\d{1,2}月\d{1,2}日/],
    ['no thanks, I did it by phone', en, /^OK, I'll keep the draft until/],
    // Asking where they were: the question they were at answers it.
    ['我上次填到哪了', zh, /结算银行卡号/],
    ['where did i leave off?', en, /settlement bank card number/],
  ])('%j at "continue your unfinished application?" on a later visit: a yes or a no in words of their own', async (text, lang, reply) => {
    const storage = new MemoryStorage();
    const user = `Later ${text.length}${lang === zh ? 'zh' : 'en'}`;
    await toName(inConversation(storage, user).adapter)
      .send(zh('张三'))
      .assertReply(() => undefined)
      .send(zh('算了'))
      .assertReply(() => undefined)
      .send(zh('停止并保留'))
      .assertReply(() => undefined)
      .startTest();
    await inConversation(storage, user, 'a-later-visit')
      .adapter.send(lang('你好'))
      .assertReply((r) => expect(titles(r)).toHaveLength(3))
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(reply))
      .startTest();
  });

  it('"我不想注销了" when asked whether to keep what was filled in is no "keep going": the buttons again', async () => {
    await toName(botHarness().adapter)
      .send(zh('张三'))
      .assertReply(() => undefined)
      .send(zh('算了'))
      .assertReply(() => undefined)
      .send(zh('我不想注销了'))
      .assertReply((r) => expect(titles(r)).toEqual(['停止并保留', '停止并删除', '继续填写']))
      .startTest();
  });

  it('"never mind", then "keep going": the same question again, nothing lost', async () => {
    await toName(botHarness().adapter)
      .send(zh('张三'))
      .assertReply(() => undefined)
      .send(en('never mind'))
      .assertReply((r) => expect(titles(r)).toEqual(['Stop and keep', 'Stop and delete', 'Keep going']))
      // Typed instead of tapped, the buttons are gone from the widget: the retry that asks to tap one shows them again.
      .send(en('hmm, what was that about'))
      .assertReply((r) => {
        expect(r.text).toMatch(/tap one of the buttons/);
        expect(titles(r)).toEqual(['Stop and keep', 'Stop and delete', 'Keep going']);
      })
      .send(en('Keep going'))
      .assertReply((r) => expect(r.text).toMatch(/settlement bank card number/))
      .startTest();
  });

  it('a person mid-form: after the agent ends and the rating, the bot offers to continue at the question it was on', async () => {
    const c = chat(ALWAYS);
    await c.handoffs.heartbeat('alice');
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三']) await c.send(text);
    await c.send('转人工客服');
    await c.takenAndEnded('alice');
    expect(texts(c.drain())).toEqual([expect.stringMatching(/打个分/)]);
    const rated = await c.send('5');
    expect(texts(rated)).toEqual([expect.stringMatching(/感谢您的评价/), expect.stringMatching(/还没填完.*已经为您保留/)]);
    expect(titles(rated[1])).toEqual(['继续填写', '以后再说', '删除草稿']);
    expect(texts(await c.send('继续填写'))).toEqual([expect.stringMatching(/结算银行卡号/)]);
    expect(texts(await c.send(CARD))).toEqual([expect.stringMatching(/机身号/)]);
  });

  it('a language switch mid-form asks the same question in the new language and tells the page', async () => {
    await toName(botHarness({}, { traces: false }).adapter)
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(zh('English'))
      .assertReply((r) => expect(r).toMatchObject({ type: 'event', name: 'webchat/language', value: 'en' }))
      .assertReply((r) => {
        expect(r.text).toMatch(/English/);
        expect(r.suggestedActions).toBeUndefined();
      })
      .assertReply((r) => expect(r.text).toMatch(/settlement bank card number/))
      .send({ type: ActivityTypes.Event, name: 'webchat/language', value: 'zh-CN' })
      .assertReply((r) => expect(r.text).toMatch(/中文/))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .startTest();
  });

  it('the review changes the date and the reason, in a sentence or with the buttons', async () => {
    await toReview(toName(botHarness().adapter))
      .send(zh('原因选错了，我想改成设备故障'))
      .assertReply((r) => expect(r.text).toMatch(/注销原因：设备故障/))
      .send(zh('修改日期'))
      .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
      .send(zh(recent))
      .assertReply((r) => {
        expect(r.text).toContain(`收到机器的日期：${formatDate(recent, 'zh-CN')}`);
        expect(titles(r)).toEqual(expect.arrayContaining(['修改日期', '修改原因']));
      })
      .send(zh('收到的日期不对'))
      .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
      .send(zh('三周前'))
      // A rough time is shown as said, not as a day the merchant never named.
      .assertReply((r) => expect(r.text).toContain('收到机器的日期：三周前（按您说的大概时间）'))
      .send(zh('修改原因'))
      .assertReply((r) => expect(titles(r)).toContain('其他原因'))
      .send(zh('换了别家'))
      .assertReply((r) => expect(r.text).toMatch(/其他原因（换了别家）/))
      .startTest();
  });
});

describe('the review changes any field in a sentence, or with its button', () => {
  // "Device fault" gets two replies: the documents that reason needs, and the name question.
  const enToReview = (adapter: TestAdapter): Flow =>
    ['I want to cancel my POS terminal', 'yes', 'last month', 'Device fault', 'Li Na', '4111 1111 1111 1111', 'ABC12345678', '13900001111']
      .reduce<Flow>((flow, text) => flow.send(en(text)).assertReply(() => undefined), adapter as unknown as Flow)
      .assertReply(() => undefined)
      .send(en('skip'))
      .assertReply((r) => expect(r.text).toMatch(/Please check your application/));

  it.each([
    ['名字写错了，应该是李四', '姓名：李四'],
    ['手机号改成13912345678', '手机号：13912345678'],
    ['机身号应该是 LKL87654321。', '机身号（SN）：LKL87654321'],
    ['卡号换成 4111 1111 1111 1111', '结算银行卡：**** **** **** 1111'],
    ['邮箱改为 zhang@example.com', '邮箱：zhang@example.com'],
    ['收到的日期应该是三周前', '收到机器的日期：三周前（按您说的大概时间）'],
  ])('%j', async (sentence, changed) => {
    await toReview(toName(botHarness().adapter))
      .send(zh(sentence))
      .assertReply((r) => {
        expect(r.text).toMatch(/请核对您的申请信息/);
        expect(r.text).toContain(changed);
      })
      .startTest();
  });

  it.each([
    ['the serial number should be ABC87654321', 'Serial number (SN): ABC87654321'],
    ['my name should be Wang Fang', 'Name: Wang Fang'],
    ['change the mobile to 139 1234 5678', 'Mobile: 13912345678'],
    ['my email is li@example.com', 'Email: li@example.com'],
    ['the date should be 3 weeks ago', 'Received the terminal on: 3 weeks ago (as you put it)'],
  ])('%j', async (sentence, changed) => {
    await enToReview(botHarness().adapter)
      .send(en(sentence))
      .assertReply((r) => {
        expect(r.text).toMatch(/Please check your application/);
        expect(r.text).toContain(changed);
      })
      .startTest();
  });

  it('a field named without its new value is asked for; the button does the same', async () => {
    await toReview(toName(botHarness().adapter))
      .send(zh('手机号填错了'))
      .assertReply((r) => expect(r.text).toMatch(/^好的，请输入新的\*\*手机号/))
      .send(zh('13912345678'))
      .assertReply((r) => expect(r.text).toContain('手机号：13912345678'))
      .send(zh('修改姓名'))
      // Asked again, not told the written application starts now.
      .assertReply((r) => expect(r.text).toMatch(/^好的，请输入正确的\*\*姓名/))
      .send(zh('王小明'))
      .assertReply((r) => expect(r.text).toContain('姓名：王小明'))
      .startTest();
  });
});

describe('answers at the questions of the form', () => {
  it('the name refuses yes/ok words; a wrong value is reprompted once', async () => {
    await toName(botHarness().adapter)
      .send(zh(CARD))
      .assertReply((r) => expect(r.text).toMatch(/只能包含中文或英文字母/))
      .assertNoReply()
      .send(zh('yes'))
      .assertReply((r) => expect(r.text).toMatch(/不像姓名/))
      .assertNoReply()
      .send(zh('好的'))
      .assertReply((r) => expect(r.text).toMatch(/不像姓名/))
      .assertReply((r) => expect(titles(r)).toEqual(['转人工客服']))
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .startTest();
  });

  it('the signature ignores case, spaces and full-width letters', async () => {
    await botHarness()
      .adapter.send(en('I want to cancel my POS terminal'))
      .assertReply(() => undefined)
      .send(en('yes'))
      .assertReply(() => undefined)
      .send(en('last month'))
      .assertReply(() => undefined)
      .send(en('Device fault'))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send(en('Li Na'))
      .assertReply(() => undefined)
      .send(en('4111 1111 1111 1111'))
      .assertReply(() => undefined)
      .send(en('ABC12345678'))
      .assertReply(() => undefined)
      .send(en('13900001111'))
      .assertReply((r) => expect(titles(r)).toEqual(['Skip']))
      .send(en('no thanks'))
      .assertReply((r) => expect(r.text).toMatch(/Email: not given/))
      .send(en('All correct'))
      .assertReply(() => undefined)
      .send(en('ＬＩ  na'))
      .assertReply((r) => {
        expect(r.text).toMatch(/reference number is/);
        // No email was given: only SMS can be stopped.
        expect(titles(r)).toEqual(['Check my progress', expect.any(String), 'No SMS updates']);
      })
      .startTest();
  });

  it.each(['跳过', '不用了', '没有邮箱', 'skip', 'no thanks'])('the email can be skipped with %j', async (word) => {
    await toEmail(toName(botHarness().adapter))
      .assertReply((r) => expect(titles(r)).toEqual(['跳过']))
      .send(zh(word))
      .assertReply((r) => expect(r.text).toMatch(/邮箱：未填写/))
      .startTest();
  });

  it('help at a field answers where to find it and asks again; thanks and emoji get a word and the question again', async () => {
    await toName(botHarness().adapter)
      .send(zh('张三'))
      .assertReply(() => undefined)
      .send(zh(CARD))
      .assertReply((r) => expect(r.text).toMatch(/机身号/))
      .send(zh('在哪里看机身号啊，找不到'))
      .assertReply((r) => expect(r.text).toMatch(/背面的标签/))
      .assertReply((r) => expect(r.text).toMatch(/请输入 POS 机的\*\*机身号/))
      .send(zh('🙏'))
      .assertReply((r) => expect(r.text).toMatch(/不客气/))
      .assertReply((r) => expect(r.text).toMatch(/机身号/))
      .send(en('ok ty'))
      .assertReply((r) => expect(r.text).toMatch(/You're welcome/))
      .assertReply((r) => expect(r.text).toMatch(/serial number/))
      .startTest();
  });

  it.each([
    ['店不开了', '经营变更'],
    ['生意不做了', '经营变更'],
    ['机器老是死机', '设备故障'],
    ['不想用了', '其他原因'],
    ['一直闲置着', '其他原因'],
    // None of the four: "other", with the merchant's words as its detail.
    ['手续费太高了', '其他原因（手续费太高了）'],
    ['现在都用扫码了', '其他原因（现在都用扫码了）'],
  ])('the reason in the user\'s own words: %j', async (words, label) => {
    await toReview(toName(botHarness().adapter, words), '跳过', (r) => expect(r.text).toContain(`注销原因：${label}`)).startTest();
  });

  it('a reason in words of their own is said back and the form goes on; a question, a request or a yes there is not a reason', async () => {
    const toReason = (flow: Flow) =>
      flow
        .send(en('I want to cancel my POS terminal'))
        .assertReply(() => undefined)
        .send(en('yes'))
        .assertReply(() => undefined)
        .send(en('last month'))
        .assertReply((r) => expect(r.text).toMatch(/Why would you like to cancel/));
    await toReason(botHarness().adapter as unknown as Flow)
      .send(en('how long does the review take'))
      .assertReply((r) => expect(r.text).toMatch(/2-5 business days/))
      .assertReply((r) => expect(r.text).toMatch(/Why would you like to cancel/))
      .send(en('I want to cancel'))
      .assertReply((r) => expect(r.text).toMatch(/choose a reason below/))
      .send(en('ok'))
      .assertReply((r) => expect(r.text).toMatch(/choose a reason below/))
      .send(en('too complicated for us'))
      .assertReply((r) => expect(r.text).toMatch(/^Got it, I've noted your reason: too complicated for us\. If the reviewers need more documents/))
      .assertReply((r) => expect(r.text).toMatch(/full name/))
      .startTest();
  });

  it.each([
    ['退出', zh, /要停止填写吗/],
    ['我不想办了', zh, /要停止填写吗/],
    ['never mind', en, /Stop here\?/],
    ['I changed my mind', en, /Stop here\?/],
    ['怎么转人工', zh, /人工客服/],
    ['机身号在哪看', zh, /机身号（SN）一般印在机器背面/],
    ['where is the serial number', en, /serial number \(SN\) is on the label/],
    ['为什么要我的名字', zh, /姓名用来核对身份/],
    // "cancel" alone in the middle of the form is stopping it (what was filled in kept if they like).
    ['cancel', en, /Stop here\?/],
    // When a person is on duty, then the name question again.
    ['你们几点下班', zh, /人工客服的服务时间/],
  ])('at the name question %j is not taken for the name', async (text, lang, reply) => {
    await toName(botHarness().adapter)
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(reply))
      .startTest();
  });

  it.each([['好的', zh], ['yes please', en]])('after three wrong card numbers the bot offers a person; %j takes the offer', async (yes, lang) => {
    await toName(botHarness(ALWAYS).adapter)
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(zh('abc'))
      .assertReply(() => undefined)
      .send(zh('def'))
      .assertReply(() => undefined)
      .send(zh('ghi'))
      .assertReply(() => undefined)
      .assertReply((r) => expect(r.text).toMatch(/要不要我为您转接人工客服/))
      .send(lang(yes))
      .assertReply((r) => {
        // Nobody is online in these tests: the handoff says so and offers to leave a message.
        expect(r.text).toMatch(/没有可以接待的人工客服|no one is free to take the chat/);
      })
      .startTest();
  });

  it('"手机号干嘛用" says why the mobile is needed; "邮箱是必须的吗" that the email is optional', async () => {
    await toMobile(toName(botHarness().adapter))
      .send(zh('手机号干嘛用'))
      .assertReply((r) => expect(r.text).toMatch(/^审核结果和退款进度会通过短信/))
      .assertReply((r) => expect(r.text).toMatch(/手机号/))
      .send(zh('13800138000'))
      .assertReply((r) => expect(r.text).toMatch(/邮箱/))
      .send(zh('邮箱是必须的吗'))
      .assertReply((r) => expect(r.text).toMatch(/^邮箱是选填的/))
      .assertReply((r) => expect(r.text).toMatch(/邮箱/))
      .startTest();
  });

  it.each([
    ['信用卡可以吗', zh, /^这里要填的是\*\*结算银行卡\*\*/, /结算银行卡号/],
    ['能换一张卡吗？', zh, /^这里要填的是\*\*结算银行卡\*\*/, /结算银行卡号/],
    ['can I use my credit card instead?', en, /^This must be your \*\*settlement bank card\*\*/, /settlement bank card number/],
  ])('at the card question %j is told which card it must be, then asked again', async (text, lang, told, again) => {
    await toName(botHarness().adapter)
      .send(lang('李娜'))
      .assertReply(() => undefined)
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(told))
      .assertReply((r) => expect(r.text).toMatch(again))
      .startTest();
  });

  it.each([
    ['刚才问的是哪张卡？', zh, /^这里要填的是\*\*结算银行卡\*\*/, /机身号/],
    ['wait, what card do you mean?', en, /^This must be your \*\*settlement bank card\*\*/, /serial number/],
  ])('at the serial question, asked back %j about the card just given: which card, then the serial again', async (text, lang, told, again) => {
    await toName(botHarness().adapter)
      .send(lang('李娜'))
      .assertReply(() => undefined)
      .send(lang(CARD))
      .assertReply(() => undefined)
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(told))
      .assertReply((r) => expect(r.text).toMatch(again))
      .startTest();
  });

  it.each([
    ['你们会不会拿我手机号做营销', zh, /不会用来推销/, /手机号/],
    ['手机号会泄露吗', zh, /只用于这次注销的通知和联系/, /手机号/],
    ['will you spam me?', en, /never for sales calls/, /mobile number/],
  ])('at the mobile question %j (a privacy worry) is told what the number is for, then asked again', async (text, lang, told, again) => {
    await toMobile(toName(botHarness().adapter))
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(told))
      .assertReply((r) => expect(r.text).toMatch(again))
      .startTest();
  });

  it.each([
    ['为什么要问这个', zh, /^注销越早越好.*3 个月/, /什么时候收到/],
    ['why do you need to know that?', en, /^The sooner you cancel the better.*3 months/, /When did you receive/],
  ])('at the date question %j is told why the date is asked, then asked again', async (text, lang, told, again) => {
    await toDate(botHarness().adapter)
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(told))
      .assertReply((r) => expect(r.text).toMatch(again))
      .startTest();
  });

  it.each([
    ['电子签名有法律效力吗', zh, /^输入姓名就是您的电子签名/, /作为电子签名/],
    ['is this legally binding?', en, /^Typing your name is your electronic signature/, /electronic signature/],
  ])('at the signature %j is told what signing means, then asked again', async (text, lang, told, again) => {
    await toReview(toName(botHarness().adapter))
      .send(zh('对的'))
      .assertReply((r) => expect(r.text).toMatch(/作为电子签名/))
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(told))
      .assertReply((r) => expect(r.text).toMatch(again))
      .startTest();
  });

  it('why the card number is needed, then the question again; a refusal to give it is answered the same', async () => {
    await toName(botHarness().adapter)
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(zh('为什么要卡号？'))
      .assertReply((r) => expect(r.text).toMatch(/^退款会退回这张结算银行卡/))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(en("I'd rather not give my card number"))
      .assertReply((r) => expect(r.text).toMatch(/^The refund goes back to this settlement bank card/))
      .assertReply((r) => expect(r.text).toMatch(/settlement bank card number/))
      .startTest();
  });

  it.each([
    ['continue my application', en, /settlement bank card number/],
    ['继续吧', zh, /结算银行卡号/],
    ['先保留吧', zh, /保留到 \d{4}年/],
    ['删掉吧，不要了', zh, /已经删除/],
  ])('asked whether to stop, %j picks in words', async (text, lang, reply) => {
    await toName(botHarness().adapter)
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(zh('算了'))
      .assertReply((r) => expect(r.text).toMatch(/要停止填写吗/))
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(reply))
      .startTest();
  });

  it('the mobile number and the email given in one message are both kept; the email question is skipped', async () => {
    await toMobile(toName(botHarness().adapter))
      .send(zh('电话13800138000，邮箱li.na@example.com'))
      .assertReply((r) => expect(r.text).toMatch(/邮箱我也记下了/))
      .assertReply((r) => {
        expect(r.text).toMatch(/请核对您的申请信息/);
        expect(r.text).toContain('手机号：13800138000');
        expect(r.text).toContain('邮箱：li.na@example.com');
      })
      .startTest();
  });

  it.each([['继续', zh], ['继续填写吧', zh], ['keep going', en]])('%j in the middle of the form goes on with it (the classifier reads it as stopping)', async (text, lang) => {
    await toName(botHarness().adapter)
      .send(lang(text))
      .assertReply((r) => expect(r.text).toMatch(/^好的，我们接着来|^Sure, let's carry on/))
      .assertReply((r) => expect(r.text).toMatch(/姓名|full name/))
      .startTest();
  });

  it('"继续" in a later conversation goes on with the unfinished application where it stopped', async () => {
    const storage = new MemoryStorage();
    await toName(inConversation(storage, 'Goes on').adapter)
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .startTest();
    await inConversation(storage, 'Goes on', 'later')
      .adapter.send(zh('继续'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .startTest();
  });

  it('a greeting in the middle of the form is greeted back, never taken for the name', async () => {
    await toName(botHarness().adapter)
      .send(zh('你好'))
      .assertReply((r) => expect(r.text).toBe('您好！我们接着来：'))
      .assertReply((r) => expect(r.text).toMatch(/姓名/))
      .send(zh('在吗'))
      .assertReply((r) => expect(r.text).toBe('您好！我们接着来：'))
      .assertReply((r) => expect(r.text).toMatch(/姓名/))
      .send(zh('李娜'))
      .assertReply((r) => expect(r.text).toMatch(/结算银行卡号/))
      .send(en('hello there'))
      .assertReply((r) => expect(r.text).toBe("Hello again! Let's carry on:"))
      .assertReply((r) => expect(r.text).toMatch(/settlement bank card number/))
      .startTest();
  });

  it('the review changes the reason to one in words of their own', async () => {
    await toReview(toName(botHarness().adapter))
      .send(zh('修改原因'))
      .assertReply((r) => expect(titles(r)).toContain('其他原因'))
      .send(zh('现在都用扫码了'))
      .assertReply((r) => expect(r.text).toMatch(/注销原因：其他原因（现在都用扫码了）/))
      .startTest();
  });

  it.each([
    ['上个月收到的，因为店不开了', zh, /因经营变更注销/, '经营变更'],
    ['got it 2 months ago, the machine is broken', en, /For a device fault/, 'Device fault'],
  ])('the date and the reason in one message: %j', async (answer, lang, materials, reason) => {
    await botHarness()
      .adapter.send(lang(answer === '上个月收到的，因为店不开了' ? '我要注销POS机' : 'I want to cancel my POS terminal'))
      .assertReply(() => undefined)
      .send(lang(answer === '上个月收到的，因为店不开了' ? '开始办理' : 'yes'))
      .assertReply(() => undefined)
      .send(lang(answer))
      .assertReply((r) => expect(r.text).toMatch(materials))
      .assertReply((r) => expect(r.text).toMatch(/姓名|full name/))
      .send(lang('Li Na'))
      .assertReply(() => undefined)
      .send(lang(CARD))
      .assertReply(() => undefined)
      .send(lang('LKL12345678'))
      .assertReply(() => undefined)
      .send(lang('13800138000'))
      .assertReply(() => undefined)
      .send(lang('skip'))
      .assertReply((r) => expect(r.text).toContain(reason))
      .startTest();
  });

  it.each([
    ['大概两个月前吧', zh, /注销的原因/],
    ['上个月中旬', zh, /注销的原因/],
    ['去年底', zh, /超过 3 个月/],
    ['around 4 months ago', en, /more than 3 months/],
  ])('a hedged date is an answer, not a question: %j', async (answer, lang, next) => {
    await toDate(botHarness().adapter, '👍')
      .send(lang(answer))
      // The reason question, or first the warning when it was more than 3 months ago.
      .assertReply((r) => expect(r.text).toMatch(next))
      .startTest();
  });

  it.each([
    ['张伟', zh, /^这是您的姓名吗/, '查询办理进度'],
    ['欧阳娜娜', zh, /^这是您的姓名吗/, '查询办理进度'],
    ['Zhang Wei', en, /^Is that your name\?/, 'Check my application'],
    ['Li Na', en, /^Is that your name\?/, 'Check my application'],
  ])('outside a form, a name on its own does not start a status lookup: %s', async (name, lang, asked, status) => {
    await botHarness()
      .adapter.send(lang(name))
      .assertReply((r) => {
        expect(r.text).toMatch(asked);
        expect(titles(r)).toContain(status);
      })
      .startTest();
  });

  // Words the classifier knows are no name, however faint the status request they make.
  it.each(['progress', 'status', 'update'])('outside a form, "%s" on its own starts the status lookup', async (text) => {
    // A merchant with no case yet: the lookup asks for the reference number.
    await botHarness({}, { user: `No case ${text}` })
      .adapter.send(en(text))
      .assertReply((r) => expect(r.text).toMatch(/reference number \(like PC-2611-7K3M9X\) and I'll check its progress/))
      .startTest();
  });
});

describe('the application can be started by its button at any time', () => {
  it('"我要注销POS机" said again at "shall we start?" is a yes', async () => {
    await botHarness()
      .adapter.send(zh('我要注销POS机'))
      .assertReply((r) => expect(r.text).toMatch(/现在开始填写申请吗/))
      .send(zh('我要注销POS机'))
      .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
      .startTest();
  });

  it.each([['开始办理', zh, /什么时候收到/], ['Start now', en, /When did you receive/]])('%j after an FAQ answer starts the application at its first question (the button is the yes to "shall we start?")', async (label, lang, asked) => {
    await botHarness()
      .adapter.send(lang(label === '开始办理' ? '审核要几天' : 'how long is the review'))
      .assertReply(() => undefined)
      .send(lang(label))
      .assertReply((r) => expect(r.text).toMatch(asked))
      .startTest();
  });
});

describe('asking for progress or to start over in the middle of the form', () => {
  it.each([
    ['查一下我的申请进度', zh, /还没有提交，所以暂时没有进度可查/, /机身号/],
    ['where is my application at?', en, /hasn't been submitted yet/, /serial number/i],
  ])('%j with no case yet says the application is not submitted, then asks the question again', async (said, lang, told, asked) => {
    const c = chat({}, new MemoryStorage(), { user: `Progress ${said}` });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三', CARD]) await c.send(text);
    const replies = texts(await c.send(lang(said)));
    expect(replies).toEqual([expect.stringMatching(told), expect.stringMatching(asked)]);
    // The form goes on where it was.
    expect(texts(await c.send('LKL12345678'))).toEqual([expect.stringMatching(/手机号/)]);
  });

  it('with a case under way, its progress is told on top of the form, whose question comes back after', async () => {
    const user = `Second terminal ${Date.now()}`;
    const earlier = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
    const c = chat({}, new MemoryStorage(), { user });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更']) await c.send(text);
    const replies = texts(await c.send('我的申请到哪一步了'));
    expect(replies.join('\n')).toContain(earlier.reference);
    // The question it was at: whether to use the earlier application's details.
    expect(replies.at(-1)).toMatch(/沿用/);
    // A name typed instead is filled in again, from the name.
    expect(texts(await c.send('张三'))).toEqual([expect.stringMatching(/银行卡号/)]);
  });

  it.each([
    ['重新开始', zh, /刚才填的内容已经清空/, /什么时候收到/],
    ['start over', en, /cleared what you filled in/, /When did you receive/],
  ])('%j drops what was filled in and asks the first question again', async (said, lang, told, first) => {
    const c = chat({}, new MemoryStorage(), { user: `Restart ${said}` });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '张三']) await c.send(text);
    expect(texts(await c.send(lang(said)))).toEqual([expect.stringMatching(told), expect.stringMatching(first)]);
    // The name given before is gone: it is asked for again.
    await c.send('上个月');
    expect(texts(await c.send('经营变更')).at(-1)).toMatch(/姓名/);
  });

  it('at the reason question, a reason that mentions starting over is taken as the reason', async () => {
    const c = chat({}, new MemoryStorage(), { user: 'Reason restart' });
    for (const text of ['我要注销POS机', '开始办理', '上个月']) await c.send(text);
    expect(texts(await c.send('店铺重新开始装修，暂停营业')).join('\n')).toMatch(/姓名/);
  });
});

describe('stopped before anything was filled in', () => {
  it.each([
    ['yes', 'en-US', 'cancel my pos', 'stop'],
    ['好的', 'zh-CN', '我要注销POS机', '算了'],
  ])('a bare %j to "anything else I can help with?" is asked what it is, the application is not begun again', async (yes, locale, cancel, stop) => {
    const c = chat({}, undefined, { user: `stopped then ${yes}` });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(cancel);
    await say(locale === 'en-US' ? 'yes' : '开始办理');
    expect(texts(await say(stop))).toEqual([expect.stringMatching(/Anything else I can help with|还需要别的帮助吗/)]);
    const answer = texts(await say(yes));
    expect(answer).toEqual([expect.stringMatching(/How can I help|请问有什么可以帮您/)]);
  });

  it.each([
    ['actually, lets go on', 'en-US', 'cancel my pos', 'stop', /When did you receive the terminal/],
    ['还是继续办吧', 'zh-CN', '我要注销POS机', '算了', /什么时候收到/],
  ])('%j next begins it again', async (again, locale, cancel, stop, question) => {
    const c = chat({}, undefined, { user: `stopped then ${again}` });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(cancel);
    await say(locale === 'en-US' ? 'yes' : '开始办理');
    await say(stop);
    expect(texts(await say(again)).at(-1)).toMatch(question);
  });
});

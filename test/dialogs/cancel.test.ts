import { ActivityTypes, type Activity } from 'botbuilder';
import { localDate, addDays, addMonths } from '../../src/cases/dates';
import { parseReference } from '../../src/cases/reference';
import { CARD, en, toName, zh, type Flow } from '../helpers/applicationFlow';
import { botAdapter, botHarness, titles } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';
import { submitCase } from '../helpers/cases';
import { formatDate } from '../../src/i18n/format';

const today = localDate(new Date());


/** Everything after the greeting up to the review, in Chinese; a flow that submits gives a `serial` of its own (one open application a terminal). */
function fillInChinese(flow: Flow, serial = 'LKL-1234-5678'): Flow {
  return flow
    .send(zh('我要注销我的POS机'))
    .assertReply((r) => {
      expect(r.text).toMatch(/6 步/);
      expect(titles(r)).toEqual(['开始办理', '先不办了']);
    })
    .send(zh('开始办理'))
    .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
    .send(zh('上个月'))
    .assertReply((r) => expect(titles(r)).toEqual(['账户异常', '设备故障', '经营变更', '其他原因']))
    .send(zh('机器坏了，用不了'))
    .assertReply((r) => expect(r.text).toMatch(/维修记录或更换证明/))
    .assertReply((r) => expect(r.text).toMatch(/姓名/))
    .send(zh('张三'))
    .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
    .send(zh(CARD))
    .assertReply((r) => expect(r.text).toMatch(/机身号/))
    .send(zh(serial))
    .assertReply((r) => expect(r.text).toMatch(/手机号/))
    .send(zh('+86 138 0013 8000'))
    .assertReply((r) => expect(r.text).toMatch(/邮箱/))
    .send(zh('跳过'));
}

/** The references of the cases of the harness's user (each test has a user of its own: the file shares one database). */
async function casesOf(harness: ReturnType<typeof botHarness>, userId: string): Promise<string[]> {
  return (await harness.cases.forUser(userId)).map((c) => c.reference);
}

describe('the cancellation journey', () => {
  it('zh-CN: from "I want to cancel" to a submitted case, card masked, signed with the same name', async () => {
    const harness = botHarness({}, { user: 'Zhang' });
    let reference = '';
    await fillInChinese(harness.adapter.send(zh('你好')).assertReply(() => undefined), 'LKL-2468-1357')
      .assertReply((r) => {
        expect(r.text).toMatch(/张三/);
        expect(r.text).toMatch(/\*\*\*\* \*\*\*\* \*\*\*\* 5670/);
        expect(r.text).not.toMatch(/6212/);
        expect(r.text).toMatch(/LKL24681357/);
        expect(r.text).toMatch(/13800138000/);
        expect(r.text).toMatch(/设备故障/);
        expect(titles(r)?.[0]).toBe('确认无误');
      })
      .send(zh('确认无误'))
      .assertReply((r) => expect(r.text).toMatch(/电子签名/))
      .send(zh('李四'))
      .assertReply((r) => expect(r.text).toMatch(/签名需要和申请人姓名“张三”一致/))
      .send(zh('张三'))
      .assertReply((r) => {
        reference = /PC-\d{4}-[0-9A-Z]{6}/.exec(r.text ?? '')?.[0] ?? '';
        expect(parseReference(reference)).toBe(reference);
        expect(r.text).toMatch(/2-5 个工作日/);
      })
      .startTest();
    expect(await casesOf(harness, 'zhang')).toEqual([reference]);
    const stored = await harness.cases.get(reference);
    expect(stored?.status).toBe('submitted');
    expect(JSON.stringify(stored)).not.toContain('6212260200012345670');
  });

  it("a serial number someone else already applied for is refused as it is typed, naming neither their case nor its progress", async () => {
    const theirs = await submitCase({ posSerial: 'LKL99887766', owner: { userId: 'the owner', channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user: 'Stranger' });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '赵六', CARD]) await c.send(text);
    const refused = texts(await c.send('LKL99887766')).join('\n');
    expect(refused).toMatch(/机身号 LKL99887766 的机具已经有一份正在办理的注销申请/);
    expect(refused).not.toContain(theirs.reference);
    expect(refused).not.toMatch(/当前进度/);
    expect(texts(await c.send('LKL99887767')).at(-1)).toMatch(/手机号/);
  });

  it("the merchant's own open case for the serial typed is named with its progress, which they can ask for there", async () => {
    const own = await submitCase({ posSerial: 'LKL99887744', owner: { userId: 'forgetful', channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user: 'Forgetful' });
    for (const text of ['我要注销POS机', '开始办理', '上个月', '经营变更', '赵六', '不用了', CARD]) await c.send(text);
    expect(texts(await c.send('LKL99887744')).join('\n')).toMatch(new RegExp(`已经有一份正在办理的注销申请（单号 \\*\\*${own.reference}\\*\\*，当前进度：已提交，等待审核）`));
    const status = texts(await c.send('查询进度'));
    expect(status[0]).toContain(own.reference);
    expect(status.at(-1)).toMatch(/机身号（SN）/);
  });

  it('a serial found taken only at submission (given with the first message) keeps the rest of the application for another serial', async () => {
    const theirs = await submitCase({ posSerial: 'LKL99887755', owner: { userId: 'the owner', channelId: 'test', conversation: {} } });
    const c = chat({}, undefined, { user: 'Early' });
    for (const text of ['我要注销POS机，机身号LKL99887755', '开始办理', '上个月', '经营变更', '赵六', CARD, '13800138000', '跳过', '确认无误']) await c.send(text);
    const refused = texts(await c.send('赵六')).join('\n');
    expect(refused).toMatch(/这台机具已经有一份正在办理的注销申请[\s\S]*回复“继续”重新填写机身号/);
    expect(refused).not.toContain(theirs.reference);
    expect((await c.cases.get(theirs.reference))?.events.at(-1)?.type).toBe('repeat_application');
    expect(texts(await c.send('继续')).at(-1)).toMatch(/机身号（SN）/);
    expect(texts(await c.send('LKL99887756')).at(-1)).toMatch(/请核对您的申请信息[\s\S]*赵六[\s\S]*LKL99887756/);
  });

  it('en: the same journey in English with an edit before signing', async () => {
    const harness = botHarness({}, { user: 'Wang' });
    await harness.adapter
      .send(en('I would like to cancel the POS terminal you sent me'))
      .assertReply((r) => expect(titles(r)).toEqual(['Start now', 'Not now']))
      .send(en('yes'))
      .assertReply((r) => expect(r.text).toMatch(/When did you receive/))
      .send(en('3 weeks ago'))
      .assertReply((r) => expect(titles(r)).toContain('Business change'))
      .send(en('3'))
      .assertReply((r) => expect(r.text).toMatch(/business change/i))
      .assertReply((r) => expect(r.text).toMatch(/full name/))
      .send(en('Li Na'))
      .assertReply(() => undefined)
      .send(en('4111 1111 1111 1111'))
      .assertReply(() => undefined)
      .send(en('SN ABC12345678'))
      .assertReply(() => undefined)
      .send(en('13900001111'))
      .assertReply(() => undefined)
      .send(en('li.na@example.com'))
      .assertReply((r) => expect(r.text).toMatch(/li\.na@example\.com/))
      .send(en('Change mobile'))
      .assertReply((r) => expect(r.text).toMatch(/mobile number/))
      .send(en('13700002222'))
      .assertReply((r) => {
        expect(r.text).toMatch(/13700002222/);
        expect(r.text).not.toMatch(/13900001111/);
      })
      .send(en('All correct'))
      .assertReply((r) => expect(r.text).toMatch(/electronic signature/))
      .send(en('Li Na'))
      .assertReply((r) => expect(r.text).toMatch(/reference number is \*\*PC-/))
      .startTest();
    expect(await casesOf(harness, 'wang')).toHaveLength(1);
  });

  it.each([
    ['全部正确', zh],
    ['信息无误！', zh],
    ['looks good', en],
    ["that's correct", en],
  ])('the review accepts "%s" typed instead of the button', async (typed, say) => {
    await fillInChinese(botAdapter().send(zh('你好')).assertReply(() => undefined))
      .assertReply((r) => expect(titles(r)?.[0]).toBe('确认无误'))
      .send(say(typed))
      .assertReply((r) => expect(r.text).toMatch(/电子签名|electronic signature/))
      .startTest();
  });

  it('each field says what is wrong, and after 3 failures offers a person', async () => {
    await botAdapter()
      .send(zh('我要注销POS机'))
      .assertReply(() => undefined)
      .send(zh('是'))
      .assertReply(() => undefined)
      .send(zh('某天吧'))
      .assertReply((r) => expect(r.text).toMatch(/没看懂这个日期/))
      .send(zh(addDays(today, 3)))
      .assertReply((r) => expect(r.text).toMatch(/还没到/))
      // A time to come in words is said to be one too.
      .send(zh('明年'))
      .assertReply((r) => expect(r.text).toMatch(/还没到/))
      .assertReply((r) => expect(titles(r)).toEqual(['转人工客服']))
      .send(zh(addMonths(today, -5)))
      .assertReply((r) => expect(r.text).toMatch(/超过 3 个月/))
      .assertReply((r) => expect(titles(r)).toContain('账户异常'))
      .send(zh('2'))
      .assertReply(() => undefined)
      .assertReply(() => undefined)
      .send(zh('张'))
      .assertReply((r) => expect(r.text).toMatch(/2-30 个字/))
      .send(zh('张三'))
      .assertReply(() => undefined)
      .send(zh('6212 2602 0001 2345 671'))
      .assertReply((r) => expect(r.text).toMatch(/校验位对不上/))
      .send(zh('1234'))
      .assertReply((r) => expect(r.text).toMatch(/13-19 位/))
      .send(zh('卡号是abc'))
      .assertReply((r) => expect(r.text).toMatch(/只能包含数字/))
      .assertReply((r) => {
        expect(r.text).toMatch(/转接人工客服/);
        expect(titles(r)).toEqual(['转人工客服']);
      })
      .send(zh(CARD))
      .assertReply((r) => expect(r.text).toMatch(/机身号/))
      .send(zh('123'))
      .assertReply((r) => expect(r.text).toMatch(/8-20 位/))
      .send(zh('LKL12345678'))
      .assertReply(() => undefined)
      .send(zh('12345'))
      .assertReply((r) => expect(r.text).toMatch(/11 位/))
      .startTest();
  });

  it('an FAQ in the middle is answered and the step asked again; stopping without keeping leaves nothing', async () => {
    const harness = botHarness({}, { user: 'Zhao' });
    await harness.adapter
      .send(zh('我要注销POS机'))
      .assertReply(() => undefined)
      .send(zh('开始办理'))
      .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
      .send(zh('需要哪些材料'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .assertReply((r) => expect(r.text).toMatch(/什么时候收到/))
      .send(zh('上个月'))
      .assertReply(() => undefined)
      .send(zh('1'))
      .assertReply((r) => expect(r.text).toMatch(/账户证明/))
      .assertReply(() => undefined)
      .send(zh('张三'))
      .assertReply((r) => expect(r.text).toMatch(/银行卡号/))
      .send(zh('算了，不办了'))
      .assertReply((r) => expect(titles(r)).toEqual(['停止并保留', '停止并删除', '继续填写']))
      .send(zh('停止并删除'))
      .assertReply((r) => expect(r.text).toMatch(/已经删除/))
      .send(zh('你好'))
      .assertReply((r) => expect(r.text).toMatch(/请问有什么可以帮您/))
      .startTest();
    expect(await casesOf(harness, 'zhao')).toEqual([]);
  });

  it('"not now" ends politely', async () => {
    await botAdapter()
      .send(zh('我要注销POS机'))
      .assertReply(() => undefined)
      .send(zh('先不办了'))
      .assertReply((r: Partial<Activity>) => expect(r.text).toMatch(/随时/))
      .startTest();
  });
});

describe('the business clock (CLOCK_OFFSET_DAYS)', () => {
  it('counts "20 days ago" back from its today, and keeps the draft saved on it until the summary', async () => {
    const ahead = new Date(Date.now() + 40 * 86_400_000);
    const c = chat({}, undefined, { now: () => ahead });
    for (const answer of ['我要注销我的POS机', '开始办理', '20天前', '经营变更', '张三', CARD, 'LKL12345678', '13800138000']) await c.send(answer);
    const [summary] = texts(await c.send('跳过'));
    expect(summary).toMatch(/请核对您的申请信息/);
    expect(summary).toContain(formatDate(addDays(localDate(ahead), -20), 'zh-CN'));
  });
});

describe('every field: three bad values, each with its own reprompt', () => {
  /** Answers that take the journey to the given field, in Chinese. */
  const upTo: Record<string, string[]> = {
    fullName: [],
    cardNumber: ['张三'],
    posSerial: ['张三', CARD],
    mobile: ['张三', CARD, 'LKL12345678'],
    email: ['张三', CARD, 'LKL12345678', '13800138000'],
  };
  const bad: [string, string, RegExp][] = [
    ['fullName', '张', /2-30 个字/],
    ['fullName', '张三3', /只能包含中文或英文字母/],
    ['fullName', 'x'.repeat(31), /2-30 个字/],
    ['cardNumber', '6212 2602 0001 2345 671', /校验位对不上.*再发送一次同样的卡号/],
    ['cardNumber', '4111 1111 1111 1112', /校验没有通过/],
    ['cardNumber', '6212 2602', /13-19 位/],
    ['cardNumber', '6212-abcd-0001', /只能包含数字/],
    ['posSerial', 'SN12', /8-20 位/],
    ['posSerial', 'ABCDEFGHIJ', /8-20 位/],
    ['posSerial', 'LKL-1234-5678-9999-0000-12345', /8-20 位/],
    ['mobile', '12345', /11 位/],
    ['mobile', '23800138000', /11 位/],
    ['mobile', '138001380001', /11 位/],
    ['email', 'me@', /邮箱格式不对/],
    // Spelled out with no dot to its domain, it is still no address ("john at gmail dot com" is one, below).
    ['email', 'me at example', /邮箱格式不对.*name@example\.com/],
    ['email', '@example.com', /邮箱格式不对/],
  ];

  it.each(bad)('%s: %j', async (field, value, reprompt) => {
    let flow = toName(botAdapter());
    for (const answer of upTo[field]) flow = flow.send(zh(answer)).assertReply(() => undefined);
    await flow
      .send(zh(value))
      .assertReply((r) => expect(r.text).toMatch(reprompt))
      .startTest();
  });
});

describe('an email address spelled out in words', () => {
  it.each([
    ['john at gmail dot com', 'en-US', 'john@gmail.com'],
    ['my email is john dot lee at yahoo dot co dot uk', 'en-US', 'john.lee@yahoo.co.uk'],
    ['reach me at john dot lee at gmail dot com', 'en-US', 'john.lee@gmail.com'],
    ['John(at)QQ(dot)com', 'en-US', 'john@qq.com'],
    ['zhang艾特qq点com', 'zh-CN', 'zhang@qq.com'],
  ])('%j at the email question is that address, shown on the summary', async (said, locale, address) => {
    const c = chat({}, undefined, { user: `spelled email ${said}` });
    const steps = locale === 'en-US' ? ['cancel my pos', 'yes', 'last month', 'device fault', 'Li Wei'] : ['我要注销POS机', '开始办理', '上个月', '设备故障', '李伟'];
    for (const text of [...steps, '6222021234567890128', 'LKL95000011', '13812345678']) await c.send({ type: 'message', text, locale });
    const summary = texts(await c.send({ type: 'message', text: said, locale })).join('\n');
    expect(summary).toContain(address);
    expect(summary).not.toMatch(/doesn't look right|邮箱格式不对/);
  });
});

describe('"other" again when asked for the reason in a sentence', () => {
  it.each([
    ['其他原因', '其他', '手续费太贵', 'zh-CN', /一两句话/, /已记下您的注销原因：手续费太贵/],
    ['Other reason', 'other', 'too many fees', 'en-US', /sentence or two/, /noted your reason: too many fees/],
  ])('%j then %j: asked again, the sentence next is the reason (it went on without one, and asked again on return)', async (button, bare, sentence, locale, again, noted) => {
    const c = chat({}, undefined, { user: `other twice ${locale.toLowerCase()}` });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    for (const text of locale === 'en-US' ? ['cancel my terminal', 'yes', 'last week'] : ['我要注销POS机', '开始办理', '上个月']) await say(text);
    expect(texts(await say(button))).toEqual([expect.stringMatching(again)]);
    expect(texts(await say(bare))).toEqual([expect.stringMatching(again)]);
    expect(texts(await say(sentence))[0]).toMatch(noted);
  });
});

describe('a file sent in the chat', () => {
  const file = (name: string, locale: string) => ({ type: ActivityTypes.Message, text: '', locale, attachments: [{ contentType: 'image/png', contentUrl: 'http://localhost/a.png', name }] });

  it.each([
    ['zh-CN', ['我要注销POS机', '开始办理', '上个月', '设备故障'], '维修单.png', /收到您发来的文件：维修单\.png。提交申请时/, /姓名/],
    ['en-US', ['cancel my pos', 'yes', 'last month', 'device fault', 'Li Na'], 'repair.png', /Got your file\(s\): repair\.png\. They'll go to the reviewers/, /card number/],
  ])('at a question of the application (%s): received, going with the application, and the question again (was a format error)', async (locale, steps, name, received, question) => {
    const c = chat({}, undefined, { user: `file in form ${locale.toLowerCase()}` });
    for (const text of steps) await c.send({ type: ActivityTypes.Message, text, locale });
    expect(texts(await c.send(file(name, locale)))).toEqual([expect.stringMatching(received), expect.stringMatching(question)]);
  });

  it('with nothing going on: received, where files go, and a person (was "out of scope")', async () => {
    const c = chat({}, undefined, { user: 'file idle' });
    const [reply] = await c.send(file('营业执照.jpg', 'zh-CN'));
    expect(reply.text).toMatch(/收到您发来的文件：营业执照\.jpg[\s\S]*审核人员能看到/);
    expect(titles(reply)).toEqual(['转人工客服']);
  });
});

describe('all correct and signed in one message at the summary', () => {
  const steps = {
    'zh-CN': ['我要注销POS机', '开始办理', '上个月', '设备故障', '王小明', '6222021234567894', 'LKL55660001', '13800138000', '跳过'],
    'en-US': ['cancel my pos', 'yes', 'last month', 'device fault', 'Tom Lee', '6222021234567894', 'LKL55660002', '13800138000', 'skip'],
  };

  it.each([
    ['对的 签名王小明', 'zh-CN', /申请已提交/],
    ['yes correct, signed Tom Lee', 'en-US', /application has been submitted/],
  ] as const)('%j: submitted (was "tap All correct" again and again)', async (said, locale, submitted) => {
    const c = chat({}, undefined, { user: `confirm and sign ${locale.toLowerCase()}` });
    for (const text of steps[locale]) await c.send({ type: ActivityTypes.Message, text, locale });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))[0]).toMatch(submitted);
  });

  it.each([
    // The name alone after a yes may say the name shown is right: no signature without the word for one.
    ['对的 王小明', 'zh-CN', /请点“确认无误”/],
    ['对的 签名李四', 'zh-CN', /请点“确认无误”/],
  ] as const)('%j: not signed', async (said, locale, again) => {
    const c = chat({}, undefined, { user: `not signed ${said}` });
    for (const text of steps[locale]) await c.send({ type: ActivityTypes.Message, text: text.replace('LKL55660001', `LKL5566${said.length}${said.charCodeAt(3) % 1000}`), locale });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))[0]).toMatch(again);
  });
});

import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { IntentRecognizer } from '../../dialogs/shared/recognizer';
import { loadConfig } from '../../src/config';
import { localizerFor } from '../../src/app';
import { LANGUAGES, type Language } from '../../src/i18n/language';
import { FAQ_INTENTS, type FaqIntent } from '../../src/nlu/intents';
import { THRESHOLDS } from '../../src/nlu/thresholds';
import { Replies } from '../../dialogs/shared/replies';
import { botAdapter, titles, understanding } from '../helpers/bot';
import { chat, texts } from '../helpers/chat';

const HOTLINE = '400-800-1234';
const WEBSITE = 'https://pos.example.org';

/** The facts ../shared/nlu/intents.md requires each answer to carry, as patterns per language. */
const FACTS: Record<FaqIntent, Record<Language, RegExp[]>> = {
  faq_hotline: { 'zh-CN': [/400-800-1234/, /在线客服/, /pos\.example\.org/], en: [/400-800-1234/, /online/i, /pos\.example\.org/] },
  faq_cancel_steps: {
    'zh-CN': [/联系客服/, /书面申请/, /2-5 ?个工作日/, /退款金额/, /退款方式/, /退款协议/, /核实|核对/, /注销/, /银行卡/],
    en: [/contact customer service/i, /written application/i, /2-5 business days/, /amount/, /method/, /refund agreement/, /verif/i, /close/],
  },
  faq_materials: {
    'zh-CN': [/姓名/, /银行卡号/, /SN|机身号/, /原因/, /签名|签字/, /交易凭证|交易记录|流水/, /维修|更换/],
    en: [/full name/i, /bank card number/i, /serial number|SN/, /reason/i, /signature/i, /transaction/i, /repair|replacement/i],
  },
  faq_review_time: { 'zh-CN': [/2-5 ?个工作日/, /短信/, /邮件/], en: [/2-5 business days/, /SMS/, /email/i] },
  faq_review_rejected: { 'zh-CN': [/原因/, /重新提交|再次提交|重新申请/, /人工/], en: [/why|reason/i, /resubmit|submit again|apply again/i, /person|agent/i] },
  faq_refund_method: { 'zh-CN': [/金额/, /方式/, /协议/, /原.{0,4}银行卡/, /转账/, /现金/], en: [/amount/, /method/, /agreement/, /original bank card|original card/i, /transfer/, /cash/] },
  faq_refund_verify: {
    'zh-CN': [/柜台/, /对账单|交易明细/, /ATM/, /手机银行|网上银行/, /入账/, /余额为零并不/],
    en: [/counter/, /statement/, /ATM/, /mobile banking|online banking/i, /credit matching the refund amount|credit of the refund amount/i, /zero does not/i],
  },
  faq_deadline: { 'zh-CN': [/宜早不宜迟|越早越好|尽早/, /3 ?个月/], en: [/sooner|early/i, /3 months|three months/i] },
  faq_keep_evidence: { 'zh-CN': [/书面材料|材料/, /协议/, /聊天记录/, /通话记录/, /办结|结束|了结/], en: [/written/i, /agreement/, /chat/i, /call/i, /closed|resolved|settled|finished/i] },
  faq_monitor_account: { 'zh-CN': [/交易记录/, /不认识|陌生|未经您授权|不明/, /立即|马上|第一时间/], en: [/transaction/i, /don't recognise|unknown/i, /didn't authori[sz]e|unauthori[sz]ed/i, /immediately|straight away|right away|at once/i] },
  faq_close_card: { 'zh-CN': [/核实|确认/, /不再使用|不用的/, /风险/], en: [/verif|confirm/i, /no longer use|don't use/i, /risk/i] },
  faq_cancel_reasons: { 'zh-CN': [/账户异常/, /设备故障/, /经营.{0,3}变/, /其他/, /材料/], en: [/account anomal|unusual account/i, /device fault|faulty/i, /business change|change in (your )?business/i, /other/i, /documents|materials/i] },
  faq_what_is_pos: { 'zh-CN': [/芯片/, /转账/, /收款/, /缴费/, /蓝牙/, /数据线|连接线/], en: [/chip/i, /transfer/i, /collect|receiv/i, /bill/i, /Bluetooth/, /cable/i] },
  faq_fees: { 'zh-CN': [/金额/, /时间/, /商户类型/, /额度|限额/, /设备费|设备/, /维护费/, /交易手续费|手续费/], en: [/amount/, /time/, /merchant type|type of merchant/i, /limit/i, /device/i, /maintenance/i, /transaction fee/i] },
  faq_services: { 'zh-CN': [/营销/, /培训/, /24 ?小时/], en: [/marketing/i, /training/i, /24-hour|24 hour|round-the-clock/i] },
  faq_account_binding: { 'zh-CN': [/网上银行|网银/, /第三方支付/, /安全/], en: [/online banking/i, /third-party payment/i, /safe|secur/i] },
  faq_apply_pos: { 'zh-CN': [/正规|可靠/, /类型|种类/, /费用|费率/, /官方/, /填写/, /审核|核实/, /邮寄|寄/, /说明书/], en: [/reliable|trusted/i, /type/i, /fee/i, /official/i, /form/i, /verif|check/i, /mail|post|ship/i, /manual/i] },
  faq_pos_types: { 'zh-CN': [/移动/, /台式/, /智能/], en: [/mobile/i, /countertop/i, /smart/i] },
  faq_alternatives: { 'zh-CN': [/收款需求|支付需求|需求/, /比较|对比/, /成本|费用/, /便利|方便/], en: [/needs/i, /compar/i, /cost/i, /convenien/i] },
  faq_payment_security: { 'zh-CN': [/安全/, /密码/, /验证码/, /交易记录/], en: [/secur|safe/i, /PIN/, /code/i, /record|transaction/i] },
  faq_cancel_cost: {
    'zh-CN': [/没有规定.{0,4}费用|不收取|没有.{0,4}注销费/, /金额和方式/, /退款协议/, /接受之前|签字或接受之前/, /加急|加快/, /400-800-1234/],
    en: [/no fee/i, /amount and method/i, /refund agreement/i, /before you accept/i, /speed up/i, /400-800-1234/],
  },
  faq_lost_device: {
    'zh-CN': [/仍然可以申请注销/, /序列号|SN/, /包装盒/, /发货单/, /购买记录/, /手机号/, /已丢失|丢失/, /被偷/, /400-800-1234/, /人工/],
    en: [/still apply/i, /serial number|SN/, /box/i, /delivery note/i, /purchase record/i, /mobile number/i, /lost/i, /stolen/i, /400-800-1234/, /person/i],
  },
  faq_find_serial: {
    'zh-CN': [/背面/, /电池/, /包装盒/, /发货单/, /字母和数字/, /8-20/],
    en: [/back/i, /battery/i, /box/i, /delivery note/i, /letters and digits/i, /8 to 20|8-20/],
  },
};

describe('FAQ answers', () => {
  const config = loadConfig({ SUPPORT_HOTLINE: HOTLINE, SUPPORT_WEBSITE: WEBSITE, BRAND_NAME: '示例支付', BRAND_NAME_EN: 'ExamplePay' });
  const replies = new Replies(localizerFor(config));

  it.each(FAQ_INTENTS.flatMap((intent) => LANGUAGES.map((lang) => [intent, lang] as const)))(
    '%s in %s carries its facts and 1-3 follow-ups',
    (intent, lang) => {
      const answer = replies.faq(lang, intent);
      for (const fact of FACTS[intent][lang]) expect(answer.text).toMatch(fact);
      expect(answer.text).not.toMatch(/\{\{|\}\}/);
      expect(answer.text).not.toMatch(/95017|拉卡拉|Lakala/);
      const follow = titles(answer) ?? [];
      expect(follow.length).toBeGreaterThanOrEqual(1);
      expect(follow.length).toBeLessThanOrEqual(3);
    },
  );

  it('never tells the user that a zero balance means the refund arrived', () => {
    for (const lang of LANGUAGES) expect(replies.faq(lang, 'faq_refund_verify').text).not.toMatch(/余额为零(即|就|说明).*成功|zero balance means/i);
  });

  it('every follow-up button is recognized as the intent it stands for', () => {
    const recognizer = new IntentRecognizer(understanding(), localizerFor(config));
    const misread: string[] = [];
    for (const lang of LANGUAGES) {
      for (const intent of FAQ_INTENTS) {
        const suggested = localizerFor(config).tree(lang, `faq:answers.${intent}.suggest`) as string[];
        for (const [i, label] of (titles(replies.faq(lang, intent)) ?? []).entries()) {
          const context = new TurnContext(new TestAdapter(async () => undefined), { type: 'message', text: label });
          if (recognizer.recognize(context).intent !== suggested[i]) misread.push(`${lang} ${label}`);
        }
      }
    }
    expect(misread).toEqual([]);
  });
});

describe('the bot answers questions', () => {
  const adapter = () => botAdapter({ SUPPORT_HOTLINE: HOTLINE });

  it('answers the review-time question with 2-5 business days and the follow-ups', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '请问你们审核申请一般得花几天时间呀', locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/2-5 ?个工作日/);
        expect(titles(reply)?.length).toBeGreaterThanOrEqual(1);
      })
      .startTest();
  });

  it('gives the configured hotline', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: 'what number do I ring for your support line', locale: 'en-US' })
      .assertReply((reply) => expect(reply.text).toContain(HOTLINE))
      .startTest();
  });

  it.each([
    ['在这里填卡号安全吗', 'zh-CN', /卡号加密保存，聊天里只显示后四位/],
    ['is it safe to give my card number here?', 'en-US', /stored encrypted and only the last 4 digits/],
  ])('%j: how this chat keeps a card number, with the way to start', async (text, locale, kept) => {
    await adapter()
      .send({ type: ActivityTypes.Message, text, locale })
      .assertReply((reply) => {
        expect(reply.text).toMatch(kept);
        expect(titles(reply)?.[0]).toMatch(/现在开始注销|Start cancelling now/);
      })
      .startTest();
  });

  it.each([
    ['what happens after i submit?', 'en-US', /takes 6 steps[\s\S]*2-5 business days/],
    ['so after i send it what happens next', 'en-US', /takes 6 steps[\s\S]*2-5 business days/],
    ['after submitting whats next', 'en-US', /takes 6 steps[\s\S]*2-5 business days/],
    ['提交以后会怎么样', 'zh-CN', /6 步[\s\S]*2-5 ?个工作日/],
    ['交上去之后呢', 'zh-CN', /6 步[\s\S]*2-5 ?个工作日/],
    ['what happens if its rejected after i submit', 'en-US', /resubmit|apply again/],
  ])('%j: what follows submitting is the steps (the review, the refund); a rejection named is the rejection answer', async (text, locale, said) => {
    await adapter()
      .send({ type: ActivityTypes.Message, text, locale })
      .assertReply((reply) => expect(reply.text).toMatch(said))
      .startTest();
  });

  it.each(['need pos', 'need a pos pls', 'need new pos for my shop'])('%j: how to apply for a terminal, not the materials to cancel one', async (text) => {
    await adapter()
      .send({ type: ActivityTypes.Message, text, locale: 'en-US' })
      .assertReply((reply) => expect(reply.text).toMatch(/To apply for a POS terminal/))
      .startTest();
  });

  it.each([
    ['how will i know when its paid', 'en-US', /I'll tell you here[\s\S]*credit matching the refund amount/],
    ['will i get notified when the refund goes thru', 'en-US', /I'll tell you here[\s\S]*credit matching the refund amount/],
    ['退款打了会通知我吗', 'zh-CN', /我会在这里通知您[\s\S]*入账/],
  ])('%j: how the merchant is told the refund is paid, and how to check it', async (text, locale, said) => {
    await adapter()
      .send({ type: ActivityTypes.Message, text, locale })
      .assertReply((reply) => expect(reply.text).toMatch(said))
      .startTest();
  });

  it.each([
    ['我的pos机是在淘宝上买的 能注销吗', 'zh-CN', /免费领取[\s\S]*购买时的约定/],
    ['i bought my pos from a reseller, can i return it?', 'en-US', /received for free[\s\S]*terms of that sale/],
  ])('%j: a terminal bought is not what is cancelled here; its sale decides, and a person is offered', async (text, locale, said) => {
    await adapter()
      .send({ type: ActivityTypes.Message, text, locale })
      .assertReply((reply) => {
        expect(reply.text).toMatch(said);
        expect(titles(reply)).toEqual([locale === 'en-US' ? 'Talk to a person' : '转人工客服']);
      })
      .startTest();
  });

  it('"不是买的 是免费送的 我要注销" is the free terminal: its cancellation begins', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '不是买的 是免费送的 我要注销', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).toMatch(/现在开始填写申请吗/))
      .startTest();
  });

  it('"how do i keep my card safe" is payment safety in general, not how the chat keeps a number', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: 'how do i keep my card safe', locale: 'en-US' })
      .assertReply((reply) => expect(reply.text).toMatch(/never share your card PIN/))
      .startTest();
  });

  it('says plainly when a question is out of scope and offers a person', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '帮我查一下明天去杭州的火车票', locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/超出了我能回答的范围/);
        expect(titles(reply)).toEqual(['转人工客服']);
      })
      .startTest();
  });

  it('says what a bare phone or card number looks like, without repeating it', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '13812345678', locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/手机号码/);
        expect(JSON.stringify(reply)).not.toContain('13812345678');
        expect(titles(reply)?.length).toBeGreaterThan(1);
      })
      .send({ type: ActivityTypes.Message, text: '4111 1111 1111 1111', locale: 'en-US' })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/银行卡号|card number/);
        expect(JSON.stringify(reply)).not.toMatch(/4111/);
      })
      .startTest();
  });

  it('answers a tapped suggestion exactly', async () => {
    await adapter()
      .send({ type: ActivityTypes.Message, text: '需要哪些材料', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).toMatch(/银行卡号/))
      .send({ type: ActivityTypes.Message, text: 'Is there a deadline?', locale: 'en-US' })
      .assertReply((reply) => expect(reply.text).toMatch(/3 months|three months/i))
      .startTest();
  });

  it('sends the top intent and score as a trace for analytics', async () => {
    await botAdapter({}, { traces: true })
      .send({ type: ActivityTypes.Message, text: '需要哪些材料', locale: 'zh-CN' })
      .assertReply((trace: Partial<Activity>) => {
        expect(trace.type).toBe(ActivityTypes.Trace);
        expect(trace.value).toEqual({ intent: 'faq_materials', score: 1 });
      })
      .assertReply((reply) => expect(reply.type).toBe(ActivityTypes.Message))
      .startTest();
  });
});

describe('ambiguity and interruptions', () => {
  // A margin of 1 makes every pair of labelled intents "too close", so the clarification always runs.
  const alwaysAsk = () => botAdapter({ SUPPORT_HOTLINE: HOTLINE }, { thresholds: { ...THRESHOLDS, minMargin: 1 } });
  let offered: string[] = [];

  const askAmbiguous = (adapter: ReturnType<typeof alwaysAsk>) =>
    adapter.send({ type: ActivityTypes.Message, text: '退款是怎么退给我的，到账了怎么核对', locale: 'zh-CN' }).assertReply((reply) => {
      expect(reply.text).toMatch(/哪一个/);
      offered = titles(reply) ?? [];
      expect(offered).toHaveLength(2);
    });

  it('asks which of two close intents was meant, and answers the one picked', async () => {
    await askAmbiguous(alwaysAsk())
      .send({ type: ActivityTypes.Message, text: '2', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).not.toMatch(/哪一个/))
      .startTest();
  });

  it.each([
    ['第二个', '2'],
    ['the second one', '2'],
    // A yes to "which did you mean?" takes the first (or starting the application, when it is one of them).
    ['可以', '1'],
  ])('takes the pick in words: %j is what %j is', async (words, number) => {
    const answers: string[] = [];
    for (const pick of [number, words]) {
      await askAmbiguous(alwaysAsk())
        .send({ type: ActivityTypes.Message, text: pick, locale: 'zh-CN' })
        .assertReply((reply) => {
          answers.push(reply.text ?? '');
        })
        .startTest();
    }
    expect(answers[1]).toBe(answers[0]);
    expect(answers[0]).not.toMatch(/哪一个|超出了我能回答的范围/);
  });

  it('asks only once: a reply that is neither option is taken as a new message', async () => {
    await askAmbiguous(alwaysAsk())
      .send({ type: ActivityTypes.Message, text: '查询办理进度', locale: 'zh-CN' })
      .assertReply((reply) => {
        expect(reply.text).not.toMatch(/哪一个/);
        expect(reply.text).toMatch(/申请单号/);
      })
      .startTest();
  });

  it('answers an unrelated reply as itself instead of asking again', async () => {
    await askAmbiguous(alwaysAsk())
      .send({ type: ActivityTypes.Message, text: '帮我写一首关于大海的诗', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).toMatch(/超出了我能回答的范围/))
      .send({ type: ActivityTypes.Message, text: '1', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).not.toMatch(/退款/))
      .startTest();
  });

  it('leaves the dialog on abort with nothing pending', async () => {
    await askAmbiguous(alwaysAsk())
      .send({ type: ActivityTypes.Message, text: '算了，不问了，退出吧', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).toMatch(/已经停止/))
      .send({ type: ActivityTypes.Message, text: '1', locale: 'zh-CN' })
      .assertReply((reply) => expect(reply.text).not.toMatch(/哪一个/))
      .startTest();
  });
});

describe('a yes to the answer an FAQ answer offers', () => {
  it.each([
    ['什么情况可以注销', '好的', 'zh-CN', /请准备好以下信息/],
    ['what are the reasons i can cancel for', 'sure', 'en-US', /please have the following ready/],
    ['pos机有哪几种', '好啊', 'zh-CN', /费用和费率并不是固定的/],
    ['what kinds of pos are there', 'yes please', 'en-US', /fees and rates aren't fixed/],
  ])('%j, then %j: the answer offered (was the menu)', async (asked, yes, locale, offered) => {
    const c = chat({}, undefined, { user: `offered ${asked}` });
    const say = (text: string) => c.send({ type: ActivityTypes.Message, text, locale });
    await say(asked);
    expect(texts(await say(yes))).toEqual([expect.stringMatching(offered)]);
  });

  it('"好的" after an answer that leaves its own question open (closing the card) is only acknowledged', async () => {
    const c = chat({}, undefined, { user: 'close card ack' });
    await c.send('要不要销卡');
    expect(texts(await c.send('好的'))).toEqual([expect.stringMatching(/请问有什么可以帮您/)]);
  });
});

describe('not understanding the bot', () => {
  it.each([
    ['i dont understand', 'en-US', /Here's what I can do/],
    ['我没看懂', 'zh-CN', /我能帮您做这些事/],
    ["i'm confused", 'en-US', /Here's what I can do/],
    ['看不懂', 'zh-CN', /我能帮您做这些事/],
  ])('%j with nothing going on: what the bot can do (was out of scope, or how to check a refund)', async (said, locale, help) => {
    const c = chat({}, undefined, { user: `confused ${said}` });
    expect(texts(await c.send({ type: ActivityTypes.Message, text: said, locale }))).toEqual([expect.stringMatching(help)]);
  });
});

import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

const DAY = 86_400_000;

/** A merchant of their own whose case has reached `stage`, on a clock that `later(days)` moves on. */
async function merchantAt(user: string, stage: 'under_review' | 'refund_agreed' | 'refund_paid') {
  let clock = new Date('2026-12-01T02:00:00Z').getTime();
  const owner = user.toLowerCase();
  const { reference } = await submitCase({ owner: { userId: owner, channelId: 'test', conversation: {} } });
  const c = chat({}, undefined, { user, now: () => new Date(clock) });
  await c.cases.transition(reference, 'under_review', 'backoffice:alice');
  if (stage !== 'under_review') {
    await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
    await c.cases.transition(reference, 'refund_agreed', `user:${owner}`);
  }
  if (stage === 'refund_paid') await c.cases.transition(reference, 'refund_paid', 'backoffice:alice');
  const say = (text: string, locale = 'zh-CN') => c.send({ type: ActivityTypes.Message, text, locale });
  return { c, reference, say, later: (days: number) => (clock += days * DAY) };
}

describe('the refund still missing after the merchant checked again', () => {
  it.each([
    ['not yet', 'i did check, it is the correct card', 'en-US', /Thanks for checking[\s\S]*isn't late yet[\s\S]*chase the payment/, 'Talk to a person'],
    ['还没收到', '我核对过了，就是这张卡', 'zh-CN', /谢谢您核对[\s\S]*还没有超时[\s\S]*催查/, '转人工客服'],
  ])('%j then %j: a person offered to chase it, and a yes next takes them', async (no, checked, locale, reply, person) => {
    const { say, c, reference } = await merchantAt(`checked ${checked}`, 'refund_paid');
    await say(no, locale);
    const answer = await say(checked, locale);
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(titles(answer[0])).toEqual([person]);
    expect((await c.cases.get(reference))?.status).toBe('refund_paid');
    expect(texts(await say(locale === 'en-US' ? 'ok please' : '好的', locale)).join('\n')).toMatch(/hotline|热线|leave a message|留言|agent|客服/i);
  });

  it('days later, past the day it was due, the same is late and for a person', async () => {
    const { say, later } = await merchantAt('checked late', 'refund_paid');
    await say('还没收到');
    later(7);
    expect(texts(await say('查了好几遍了 还是没有'))).toEqual([expect.stringMatching(/已经超时了[\s\S]*人工客服帮您催查/)]);
  });

  it('"checked" with the money there is the arrival', async () => {
    const { say, c, reference } = await merchantAt('checked arrived', 'refund_paid');
    await say('not yet', 'en-US');
    expect(texts(await say('checked again and the money came', 'en-US'))).toEqual([expect.stringMatching(/refund is confirmed/)]);
    expect((await c.cases.get(reference))?.status).toBe('closed');
  });
});

describe('"it has been a while" while the agreed refund waits to be paid', () => {
  it.each([
    ['已经一个星期了', 'zh-CN', /原定 .* 前发放退款，现在已经超时了[\s\S]*催款/, '转人工客服'],
    ["it's been a week already", 'en-US', /was due to be paid by .* and is now late[\s\S]*chase the payment/, 'Talk to a person'],
  ])('%j past the day it was due: late, and a person to chase it (a yes next takes them)', async (said, locale, reply, person) => {
    const { say, later } = await merchantAt(`waited late ${said}`, 'refund_agreed');
    later(7);
    const answer = await say(said, locale);
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    // Its next step is chasing it, not waiting on.
    expect(texts(answer)[0]).toMatch(/下一步：转人工客服，请工作人员帮您催办|Next step: Ask a person to chase it/);
    expect(texts(answer)[0]).not.toMatch(/等待退款到账|Wait for the refund/);
    expect(titles(answer[0])).toContain(person);
    expect(texts(await say(locale === 'en-US' ? 'yes' : '好的', locale)).join('\n')).toMatch(/hotline|热线/);
  });

  it.each([
    ['都等了两天了', 'zh-CN', /预计在 .* 前发放退款[\s\S]*感谢您耐心等待：目前还在正常处理时间内/],
    ["it's been 2 days", 'en-US', /Refund to be paid by [\s\S]*Thank you for your patience: this is still within the usual time/],
  ])('%j before it is due: the wait acknowledged, and that it is not late', async (said, locale, reply) => {
    const { say, later } = await merchantAt(`waited early ${said}`, 'refund_agreed');
    later(2);
    const answer = texts(await say(said, locale));
    expect(answer).toEqual([expect.stringMatching(reply)]);
    expect(answer[0]).not.toMatch(/超时了|is now late/);
  });

  it('the same words during the review say whether the decision is late', async () => {
    const { say, later } = await merchantAt('waited review', 'under_review');
    later(2);
    expect(texts(await say('等了两天了'))[0]).toMatch(/预计在[\s\S]*感谢您耐心等待/);
    later(12);
    expect(texts(await say('已经两周了'))[0]).toMatch(/已经超时了/);
  });
});

describe('"what now?" right after the bot said a person should look into it', () => {
  it.each([
    ['not yet', 'so what now?', 'en-US', /hotline/],
    ['还没收到', '现在怎么办', 'zh-CN', /热线/],
  ])('%j past the day, then %j: the person', async (no, next, locale, reply) => {
    const { say, later } = await merchantAt(`what now ${next}`, 'refund_paid');
    later(5);
    expect(texts(await say(no, locale))[0]).toMatch(/overdue|超时/);
    expect(texts(await say(next, locale)).join('\n')).toMatch(reply);
  });
});

describe('"I\'ll wait" after a person was offered to chase the refund', () => {
  it.each([
    ['还没收到', '我核对过了，就是这张卡', '不用了 我再等等', 'zh-CN', /有新进展会通过短信和这里通知您/],
    ['not yet', 'i did check, it is the correct card', "no thanks, i'll wait a bit", 'en-US', /Any news will come by SMS and here/],
  ])('%j, %j, then %j: acknowledged, no person and no FAQ', async (no, checked, wait, locale, reply) => {
    const { say, c } = await merchantAt(`waits ${wait}`, 'refund_paid');
    await say(no, locale);
    await say(checked, locale);
    expect(texts(await say(wait, locale))).toEqual([expect.stringMatching(reply)]);
    expect(await c.active()).toBeUndefined();
  });
});

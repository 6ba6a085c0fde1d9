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

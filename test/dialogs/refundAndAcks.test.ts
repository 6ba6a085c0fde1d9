import { ActivityTypes } from 'botbuilder';
import { titles } from '../helpers/bot';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

/** A merchant of their own whose case (submitted under their user id) has its refund agreed, not yet paid. */
async function refundAgreed(user: string) {
  const { reference } = await submitCase({ owner: { userId: user.toLowerCase(), channelId: 'test', conversation: {} } });
  const { cases } = chat({}, undefined, { user });
  await cases.transition(reference, 'under_review', 'backoffice:alice');
  await cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method: 'original_card' });
  await cases.transition(reference, 'refund_agreed', `user:${user.toLowerCase()}`);
  return { c: chat({}, undefined, { user }), reference };
}

describe('the refund said to have arrived before staff marked it paid', () => {
  it.each([
    ['钱到了', 'zh-CN', /太好了！工作人员那边还需要确认[\s\S]*入账/],
    ['收到退款了', 'zh-CN', /太好了！工作人员那边还需要确认/],
    ['got the money', 'en-US', /Glad to hear it! Our staff still have to confirm/],
  ])('%j is told staff confirm the payment first, then it is asked here; the case stays as it was', async (said, locale, reply) => {
    const { c, reference } = await refundAgreed(`early arrival ${said}`);
    const answer = await c.send({ type: ActivityTypes.Message, text: said, locale });
    expect(texts(answer)).toEqual([expect.stringMatching(reply)]);
    expect(texts(answer)[0]).toContain(reference);
    expect(titles(answer[0])).toEqual([locale === 'en-US' ? 'How do I verify my refund?' : '如何核对退款到账']);
    expect((await c.cases.get(reference))?.status).toBe('refund_agreed');
  });
});

describe('emoji alone as the first message', () => {
  it.each(['👍👍', '🙏'])('%j is greeted with what can be done, not a goodbye', async (said) => {
    const c = chat({}, undefined, { user: `emoji ${said}` });
    const answer = await c.send(said);
    expect(texts(answer)).toEqual([expect.stringMatching(/请问有什么可以帮您/)]);
    expect(texts(answer)[0]).not.toMatch(/不客气|再见/);
    expect(titles(answer[0])).toContain('注销我的POS机');
  });

  it('"好的谢谢" in words is still a goodbye', async () => {
    const c = chat({}, undefined, { user: 'thanks in words' });
    expect(texts(await c.send('好的谢谢'))).toEqual([expect.stringMatching(/不客气/)]);
  });
});

import { ActivityTypes } from 'botbuilder';
import { submitCase } from '../helpers/cases';
import { chat, texts } from '../helpers/chat';

/** A chat of a merchant of their own (the file shares one database) whose refund, approved with this method, is paid. */
async function paidRefund(method: string) {
  const c = chat({}, undefined, { user: method });
  const { reference } = await submitCase({ owner: { userId: method, channelId: 'test', conversation: {} } });
  await c.cases.transition(reference, 'under_review', 'backoffice:alice');
  await c.cases.transition(reference, 'approved', 'backoffice:alice', { amount: 120, method });
  await c.cases.transition(reference, 'refund_agreed', `user:${method}`);
  await c.cases.transition(reference, 'refund_paid', 'backoffice:alice');
  return c;
}

describe('"not yet" says what to look for, by the refund method', () => {
  it('cash: collected and counted at the counter, the receipt kept; no bank credit', async () => {
    const c = await paidRefund('cash');
    const [reply] = texts(await c.send('还没收到'));
    expect(reply).toMatch(/柜台领取[\s\S]*当面点清[\s\S]*收据/);
    expect(reply).not.toMatch(/入账|银行卡/);
  });

  it('a transfer: a credit of that amount on the card', async () => {
    const c = await paidRefund('bank_transfer');
    const [reply] = texts(await c.send('还没到账'));
    expect(reply).toMatch(/120\.00 元的入账/);
  });
});

describe('asking for progress at a question about the case', () => {
  it('asks the question again, which says where the case stands, and takes the answer after it', async () => {
    const c = await paidRefund('original_card');
    // The merchant comes back (their user id is the refund method, see paidRefund).
    const welcome = texts(await c.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'original_card', name: 'Merchant' }], recipient: { id: 'bot', name: 'bot' } }));
    expect(welcome.at(-1)).toMatch(/已经发出[\s\S]*请问收到了吗/);
    for (const asked of ['进度', '现在办到哪一步了']) {
      const [again, ...more] = texts(await c.send(asked));
      expect(again).toMatch(/已经发出[\s\S]*120\.00 元[\s\S]*请问收到了吗/);
      expect(more).toEqual([]);
    }
    expect(texts(await c.send('已经收到'))[0]).toMatch(/办结/);
  });
});

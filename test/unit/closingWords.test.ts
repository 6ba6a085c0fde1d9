import { ClosingWords } from '../../src/nlu/closingWords';
import { LOCALES_DIR } from '../../src/paths';
import { understanding } from '../helpers/bot';

describe('a shop that closes is a reason to cancel, not a card to close', () => {
  const closing = ClosingWords.load(LOCALES_DIR);

  it.each(['my shop is closing', 'we are shutting down next month', '店要关门了', '生意不做了'])('%j read as closing a card: whether it is a reason to cancel', (text) => {
    expect(closing.reread('faq_close_card', text)).toBe('faq_cancel_reasons');
  });

  it.each(['shop is closing, should i close the bank card too', '店关了 卡要注销吗', 'closing my account after the shop closed'])('%j names the card: closing it stands', (text) => {
    expect(closing.reread('faq_close_card', text)).toBe('faq_close_card');
  });

  it.each([
    ['店要转让了 这个机器怎么处理', 'faq_cancel_reasons'],
    ['shop closed, what happens to the terminal', 'faq_cancel_reasons'],
    // Out of scope, only a question of what to do with the terminal: the rest stays out.
    ['店要转让了 能把结算改到新老板名下吗', 'None'],
    ['shop is closing, what about my settlement', 'None'],
  ])('out of scope %j → %s', (text, intent) => {
    expect(closing.reread('None', text)).toBe(intent);
  });

  it('cancelling said too: the reading stands (the request is among its alternatives)', () => {
    expect(closing.reread('faq_close_card', 'my shop is closing so i need to cancel the pos')).toBe('faq_close_card');
    expect(closing.reread('None', '店要关了 机器怎么退掉')).toBe('None');
  });

  it('other readings are left as they are', () => {
    expect(closing.reread('faq_materials', 'shop closed, what documents do i need')).toBe('faq_materials');
  });

  it.each([
    ['my shop is closing', 'faq_cancel_reasons'],
    ['店不开了 机器咋办', 'faq_cancel_reasons'],
    ['should i close my bank card', 'faq_close_card'],
  ])('the classifier with the rule: %j → %s', (text, intent) => {
    expect(understanding().classify(text).intent).toBe(intent);
  });
});

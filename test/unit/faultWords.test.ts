import { FaultWords } from '../../src/nlu/faultWords';
import { LOCALES_DIR } from '../../src/paths';
import { understanding } from '../helpers/bot';

describe('a broken terminal is not a lost one', () => {
  const faults = FaultWords.load(LOCALES_DIR);

  it.each(['机器坏了', 'pos机坏了怎么办', '刷卡机老是死机', 'my machine is broken', "the card reader doesn't work"])('%j read as lost is a fault: whether it is a reason to cancel', (text) => {
    expect(faults.reread('faq_lost_device', text)).toBe('faq_cancel_reasons');
  });

  it.each(['机器摔坏了', '机器坏了被我当垃圾扔了', '坏了以后找不到了', 'it broke and I threw it away', 'the broken one was stolen', '机器丢了'])('%j is gone: the lost-device answer stands', (text) => {
    expect(faults.reread('faq_lost_device', text)).toBe('faq_lost_device');
  });

  it('only the lost-device reading is read again', () => {
    expect(faults.reread('faq_materials', '机器坏了要什么证明')).toBe('faq_materials');
  });

  it.each([
    ['机器坏了', 'faq_cancel_reasons'],
    ['my machine is broken', 'faq_cancel_reasons'],
    ['机器摔坏了', 'faq_lost_device'],
  ])('the classifier with the rule: %j → %s', (text, intent) => {
    expect(understanding().classify(text).intent).toBe(intent);
  });
});

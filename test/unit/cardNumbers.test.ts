import { parseCardNumber } from '../../src/cases/inputs';
import { luhnValid, maskCardNumbers } from '../../src/pii/cardNumbers';
import { CARD_FORMATS, FORMATTED_DIGITS } from '../helpers/cardFormats';

// Test numbers that pass Luhn (a UnionPay-style 62 number and a 16-digit Visa test number).
const UNIONPAY = '6212260200012345670';
const VISA = '4111111111111111';

describe('card numbers in text', () => {
  it('checks Luhn', () => {
    expect(luhnValid(UNIONPAY)).toBe(true);
    expect(luhnValid(VISA)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('masks valid numbers however they are written, keeping the last four digits', () => {
    expect(maskCardNumbers(`我的卡号是${UNIONPAY}`)).toBe('我的卡号是**** **** **** 5670');
    expect(maskCardNumbers('card 4111 1111 1111 1111 please')).toBe('card **** **** **** 1111 please');
    expect(maskCardNumbers('4111-1111-1111-1111')).toBe('**** **** **** 1111');
    expect(maskCardNumbers('４１１１１１１１１１１１１１１１')).toBe('**** **** **** 1111');
  });

  it('masks every format the card prompt accepts, in any text', () => {
    for (const format of CARD_FORMATS) {
      expect(parseCardNumber(format)).toEqual({ ok: true, value: FORMATTED_DIGITS });
      expect(maskCardNumbers(`卡号${format}。`)).toBe('卡号**** **** **** 7894。');
    }
  });

  it('finds a card among other numbers', () => {
    expect(maskCardNumbers('卡号 6222 0212 3456 7894 手机 138 0013 8000')).toBe('卡号 **** **** **** 7894 手机 138 0013 8000');
  });

  it('leaves other numbers alone', () => {
    // "+86 138 1234 5678" passes the Luhn check: a phone number all the same.
    for (const text of [
      '+86 138 1234 5678',
      '86 138 1234 5678',
      '0086 13812345678',
      '13800138000',
      '电话13800138000',
      '0755-8888-8888-123',
      '86 755 8888 8888',
      '单号PC-2611-7K3M9X',
      '订单号 4111111111111112',
      '20261130',
      '金额 1234.56 元',
      '',
    ]) {
      expect(maskCardNumbers(text)).toBe(text);
    }
  });

  it('masks a mistyped card number in a sentence that says it is a card', () => {
    expect(luhnValid('6222020200001234567')).toBe(false);
    expect(maskCardNumbers('卡号 6222 0202 0000 1234 567 对吗')).toBe('卡号 **** **** **** 4567 对吗');
    expect(maskCardNumbers('my card is 4111-1111-1111-1112, right?')).toBe('my card is **** **** **** 1112, right?');
    // Not a card's: an order number, or a phone number after +.
    expect(maskCardNumbers('订单号 4111111111111112')).toBe('订单号 4111111111111112');
    expect(maskCardNumbers('卡号不记得了，电话 +86 138 1234 5679')).toBe('卡号不记得了，电话 +86 138 1234 5679');
  });

  it('masks a message that is only a mistyped card number (one digit off fails Luhn)', () => {
    expect(luhnValid('6212260200012345671')).toBe(false);
    expect(maskCardNumbers('6212 2602 0001 2345 671')).toBe('**** **** **** 5671');
    expect(maskCardNumbers(' 4111-1111-1111-1112。')).toBe(' **** **** **** 1112。');
    expect(maskCardNumbers('６２１２２６０２０００１２３４５６７１')).toBe('**** **** **** 5671');
  });
});

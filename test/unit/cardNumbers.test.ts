import { luhnValid, maskCardNumbers } from '../../src/pii/cardNumbers';

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

  it('leaves other numbers alone', () => {
    for (const text of ['电话13800138000', '单号PC-2611-7K3M9X', '4111111111111112', '金额 1234.56 元', '']) {
      expect(maskCardNumbers(text)).toBe(text);
    }
  });
});

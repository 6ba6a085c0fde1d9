import { containsSecret, maskSecrets } from '../../src/pii/secrets';
import { maskPii } from '../../src/pii/mask';

describe('secrets typed in the chat (a PIN, a password, an SMS code, a CVV)', () => {
  it.each([
    ['我的密码是123456，帮我查一下进度', '我的密码是***，帮我查一下进度'],
    ['交易密码为 abc123', '交易密码为 ***'],
    ['验证码：883920', '验证码：***'],
    ['短信验证码 4471', '短信验证码 ***'],
    ['CVV2是456', 'CVV2是***'],
    ['密码１２３４５６', '密码***'],
    ['my pin is 4321, where is my application', 'my pin is ***, where is my application'],
    ['Password: hunter22', 'Password: ***'],
    ['the verification code was 908812', 'the verification code was ***'],
    ['cvv 123 and pin 0000', 'cvv *** and pin ***'],
  ])('%j: the value masked, the word kept', (text, masked) => {
    expect(containsSecret(text)).toBe(true);
    expect(maskSecrets(text)).toBe(masked);
  });

  it.each([
    '密码不对怎么办',
    '短信验证码是6位吗',
    'I forgot my password',
    'pinyin123',
    'spinning 1234',
    'the code is LKL12345678',
    '机身号 LKL12345678',
    '手机 13800138000',
  ])('%j: no secret, left as written', (text) => {
    expect(containsSecret(text)).toBe(false);
    expect(maskSecrets(text)).toBe(text);
  });

  it('maskPii masks card numbers and secrets in one message', () => {
    expect(maskPii('卡号 6212 2602 0001 2345 670 密码是 123456')).toBe('卡号 **** **** **** 5670 密码是 ***');
  });
});

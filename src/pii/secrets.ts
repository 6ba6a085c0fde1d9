/**
 * Secrets a merchant may type despite every warning: a card PIN or password, an SMS or verification
 * code, a CVV. Nobody needs them, so the value is never kept: what is logged, queued for an agent or
 * kept as an unanswered question shows the word and `***`. A value is what follows the word (after
 * 是/为/is/: or nothing) and holds a digit: "密码不对" or "forgot my password" is no secret.
 */
const WORDS = [
  '(?:交易|取款|支付|登录|银行卡|卡)?密码',
  '口令',
  '(?:短信|手机|动态)?(?:验证|校验)码',
  '动态码',
  '安全码',
  'cvv2?',
  'cvc2?',
  'cvn2?',
  'pin(?:\\s*(?:code|number))?',
  'pass(?:word|code)',
  'passwd',
  'otp',
  '(?:sms|verification|security|one[-\\s]?time)\\s*code',
].join('|');
const CONNECTOR = String.raw`\s*(?:是|为|:|：|=|is|was)?\s*[:：]?\s*`;
/** 3-20 letters and digits, at least one a digit, not running on into a longer word. */
const ALNUM = '[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]';
const VALUE = String.raw`(?=${ALNUM}{0,19}[0-9０-９])${ALNUM}{3,20}(?!${ALNUM})`;
/** The word neither inside a longer English word ("spinning", "pinyin") nor run into one. */
const SECRET = new RegExp(String.raw`(?<![A-Za-z])(${WORDS})(?![A-Za-z])(${CONNECTOR})${VALUE}`, 'giu');
const DIGIT = /[0-9０-９]/;

/** Whether the text gives a secret's value ("我的密码是123456", "my pin is 4321"). */
export function containsSecret(text: string): boolean {
  if (!DIGIT.test(text)) return false;
  SECRET.lastIndex = 0;
  return SECRET.test(text);
}

/** The text with each secret's value replaced by `***`; the word that named it stays, so a reader knows what was shared. */
export function maskSecrets(text: string): string {
  if (!DIGIT.test(text)) return text;
  return text.replace(SECRET, (_, word: string, connector: string) => `${word}${connector}***`);
}

import { parseReceiptDate } from '../../src/cases/dates';
import { parseCardNumber, parseEmail, parseFullName, parseMobile, parsePosSerial, type Parsed } from '../../src/cases/inputs';
import { REASONS, type ReasonCode } from '../../src/cases/caseService';
import type { Localizer } from '../../src/i18n/localizer';
import { LANGUAGES } from '../../src/i18n/language';

export const FIELDS = ['fullName', 'cardNumber', 'posSerial', 'mobile', 'email'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_PARSERS: Record<Field, (text: string) => Parsed<string | undefined, string>> = {
  fullName: parseFullName,
  cardNumber: parseCardNumber,
  posSerial: parsePosSerial,
  mobile: parseMobile,
  email: parseEmail,
};

/** How a tapped label or short reply is compared: width, case, spaces and punctuation ignored. */
export const normalize = (text: string) =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, '');

const YES = /^(?:是|是的|好|好的|好啊|可以|确认|对|对的|没问题|嗯|嗯嗯|开始|开始吧|行|办|办理|yes|y|yeah|yep|ok|okay|sure|start|go)$/;
const NO = /^(?:不|不是|否|不要|不用|先不|先不了|先不办|不办|no|n|nope|notnow|later)$/;

/** Yes or no, from the buttons' labels (either language) or the usual words. */
export function yesNo(text: string, localizer: Localizer): boolean | undefined {
  const said = normalize(text);
  if (LANGUAGES.some((l) => normalize(localizer.t(l, 'cancel:yes')) === said) || YES.test(said)) return true;
  if (LANGUAGES.some((l) => normalize(localizer.t(l, 'cancel:no')) === said) || NO.test(said)) return false;
  return undefined;
}

const REASON_WORDS: Record<ReasonCode, RegExp> = {
  account_anomaly: /账户|账号|异常|盗刷|冻结|风控|被扣|account|fraud|frozen|unauthori/,
  device_fault: /坏|故障|不能用|用不了|没反应|死机|开不了机|失灵|fault|broken|faulty|notwork|doesntwork|defect/,
  business_change: /不做了|关店|关门|转行|倒闭|经营|生意|搬家|搬店|business|closing|closed|moving|retir/,
  other: /其他|其它|别的|other/,
};

/** A cancellation reason: tapped, by number 1-4, or said another way ("机器坏了"). */
export function reason(text: string, localizer: Localizer): ReasonCode | undefined {
  const said = normalize(text);
  if (/^[1-4]$/.test(said)) return REASONS[Number(said) - 1];
  for (const code of REASONS) {
    if (LANGUAGES.some((l) => normalize(localizer.t(l, `cancel:reasons.${code}`)) === said)) return code;
  }
  return REASONS.find((code) => REASON_WORDS[code].test(said));
}

/** What a waiting prompt accepts, by name: stored in dialog state, so it must not be a function. */
export type Expectation =
  | { field: Field }
  | { kind: 'yesNo' | 'reason' | 'date' | 'free' }
  | { kind: 'signature'; name: string }
  /** The prompt's own buttons (in either language), or yes/no. */
  | { kind: 'choice'; labels: string[] };

/** True when the text is an answer to the prompt rather than something to interrupt it with. */
export function answers(expectation: Expectation, text: string, localizer: Localizer): boolean {
  if ('field' in expectation) return FIELD_PARSERS[expectation.field](text).ok;
  switch (expectation.kind) {
    case 'yesNo':
      return yesNo(text, localizer) !== undefined;
    case 'reason':
      return reason(text, localizer) !== undefined;
    case 'date':
      return parseReceiptDate(text, '2100-01-01').ok;
    case 'choice':
      return expectation.labels.some((label) => normalize(label) === normalize(text)) || yesNo(text, localizer) !== undefined;
    case 'signature':
    case 'free':
      return true;
  }
}

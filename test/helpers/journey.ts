import { luhnValid } from '../../src/pii/cardNumbers';
import { DirectLineHttp } from './directLine';

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A Luhn-valid 19-digit card number nobody else applied with. */
function freshCard(): string {
  const body = `621226${randomDigits(12)}`;
  return `${body}${[...'0123456789'].find((check) => luhnValid(body + check))}`;
}

/** A whole application as a merchant types it, up to the signature, for a terminal and card of its own (one open case per terminal). */
function application(): string[] {
  return ['我要注销POS机', '开始办理', '上个月', '设备故障', '张三', freshCard(), `LKL${randomDigits(8)}`, '13800138000', '跳过', '确认无误', '张三'];
}

/**
 * A merchant's submitted application over the widget's Direct Line: its reference, and their
 * conversation. `whileApplying` runs half-way through the form (after the reason, when it asks for materials).
 */
export async function submittedCase(baseUrl: string, whileApplying?: (conversation: { token: string; conversationId: string }) => Promise<void>) {
  const dl = new DirectLineHttp(baseUrl);
  const { token, conversationId } = await dl.widgetToken('zh-CN');
  await dl.call('POST', '/conversations', token, {});
  const say = (text: string) => dl.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale: 'zh-CN' });
  for (const [i, text] of application().entries()) {
    if (i === 4) await whileApplying?.({ token, conversationId });
    await say(text);
  }
  /** Everything the merchant's widget can read. */
  const seen = async () => JSON.stringify((await dl.call('GET', `/conversations/${conversationId}/activities?watermark=0`, token)).body);
  // The reference the submission confirms (the last one named).
  const reference = [...(await seen()).matchAll(/PC-\d{4}-[0-9A-Z]{6}/g)].at(-1)![0];
  return { reference, say, seen, token, conversationId };
}

/** The back-office API with a reviewer's bearer token. */
export function backofficeClient(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/backoffice${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json();
  };
}

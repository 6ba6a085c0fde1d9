import { createHmac, randomUUID } from 'node:crypto';
import { SmsRejectedError, type SmsMessage, type SmsProvider } from './provider';

const API_VERSION = '2017-05-25';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  endpoint: string;
  timeoutMs: number;
  now?: () => Date;
}

/**
 * Aliyun SMS (Dysmsapi) SendSms, an RPC-style API: every parameter, the common ones included, goes in a
 * form body signed with HMAC-SHA1 signature version 1.0.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly now: () => Date;

  constructor(private readonly options: AliyunSmsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      // ISO 8601 in UTC, to the second.
      Timestamp: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: API_VERSION,
      PhoneNumbers: message.mobile,
      SignName: this.options.signName,
      TemplateCode: message.templateCode,
      TemplateParam: JSON.stringify(Object.fromEntries(message.params)),
    };
    const Signature = signRpcRequest('POST', params, this.options.accessKeySecret);
    const response = await fetch(`${this.options.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      body: new URLSearchParams({ ...params, Signature }).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const answer = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (answer.Code !== 'OK') throw new SmsRejectedError(this.name, answer.Code ?? `HTTP ${response.status}`, answer.Message ?? '');
    return { id: answer.BizId ?? '' };
  }
}

/**
 * Signature v1.0: StringToSign = METHOD & enc("/") & enc(canonical query), the canonical query being
 * the parameters sorted by name, each name and value percent-encoded (RFC 3986), joined with "&";
 * the signature is Base64(HMAC-SHA1(secret + "&", StringToSign)).
 */
function signRpcRequest(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are (encodeURIComponent also spares ! ' ( ) *). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

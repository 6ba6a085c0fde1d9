import { createHash, createHmac } from 'node:crypto';
import { SmsRejectedError, type SmsMessage, type SmsProvider } from './provider';

const SERVICE = 'sms';
const ACTION = 'SendSms';
const API_VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  endpoint: string;
  timeoutMs: number;
  now?: () => Date;
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code: string; Message: string };
    SendStatusSet?: Array<{ SerialNo: string; Code: string; Message: string }>;
  };
}

/** Tencent Cloud SMS SendSms, API 3.0: a JSON body, signed with TC3-HMAC-SHA256 in the Authorization header. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  private readonly now: () => Date;

  constructor(private readonly options: TencentSmsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async send(message: SmsMessage): Promise<{ id: string }> {
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.mobile}`],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: this.options.signName,
      TemplateId: message.templateCode,
      TemplateParamSet: message.params.map(([, value]) => value),
    });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const authorization = signTc3({
      secretId: this.options.secretId,
      secretKey: this.options.secretKey,
      host: new URL(this.options.endpoint).host,
      action: ACTION,
      payload,
      timestamp,
    });
    const response = await fetch(`${this.options.endpoint}/`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': CONTENT_TYPE,
        'x-tc-action': ACTION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-version': API_VERSION,
        'x-tc-region': this.options.region,
      },
      body: payload,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const answer = ((await response.json().catch(() => ({}))) as SendSmsAnswer).Response;
    if (!answer) throw new SmsRejectedError(this.name, `HTTP ${response.status}`, '');
    if (answer.Error) throw new SmsRejectedError(this.name, answer.Error.Code, answer.Error.Message);
    const status = answer.SendStatusSet?.[0];
    // "Ok" per number: the request can succeed while the message to that number was refused.
    if (status?.Code !== 'Ok') throw new SmsRejectedError(this.name, status?.Code ?? 'NoStatus', status?.Message ?? '');
    return { id: status.SerialNo };
  }
}

interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The Host header as sent (host[:port]). */
  host: string;
  action: string;
  payload: string;
  /** Unix seconds, also sent as X-TC-Timestamp. */
  timestamp: number;
}

/**
 * TC3-HMAC-SHA256: a canonical request (method, path, query, the signed headers, SHA-256 of the body) is
 * hashed into the string to sign; the key is derived from the secret through the UTC date, the service
 * and "tc3_request".
 */
function signTc3(request: Tc3Request): string {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${CONTENT_TYPE}\nhost:${request.host}\nx-tc-action:${request.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(request.payload)].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const secretDate = hmac(`TC3${request.secretKey}`, date);
  const secretSigning = hmac(hmac(secretDate, SERVICE), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback stand-ins for the SMS providers' HTTP APIs. Each checks the request's signature with its own
 * implementation, written from the providers' published signing documents (not from the adapters),
 * and answers in the provider's documented response shape.
 */

export interface AcceptedSms {
  phone: string;
  signName: string;
  template: string;
  /** Aliyun: the named variables; Tencent: {1}, {2}… by position. */
  params: Record<string, string>;
}

export interface StandIn {
  endpoint: string;
  accepted: AcceptedSms[];
  /** Every request, accepted or not, with the error code it was answered with. */
  refused: string[];
  close(): Promise<void>;
}

/** Requests this far from the stand-in's clock are refused, as the providers do. */
const MAX_SKEW_SECONDS = 900;

// --- Aliyun (RPC style, signature version 1.0, HMAC-SHA1) ------------------------------------------

/** RFC 3986 percent-encoding byte by byte: unreserved characters stay, every other UTF-8 byte becomes %XY. */
function rfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export async function aliyunStandIn(keys: { accessKeyId: string; accessKeySecret: string }): Promise<StandIn> {
  const accepted: AcceptedSms[] = [];
  const refused: string[] = [];
  const nonces = new Set<string>();
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    // Parameters may come in the query (GET) or a form body (POST); both are signed alike.
    const params = new Map<string, string>([...url.searchParams, ...new URLSearchParams(body.toString('utf8'))]);
    const fail = (status: number, Code: string, Message: string) => {
      refused.push(Code);
      json(res, status, { Code, Message, RequestId: randomUUID() });
    };
    const given = params.get('Signature');
    params.delete('Signature');
    if (params.get('AccessKeyId') !== keys.accessKeyId) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') return fail(400, 'InvalidParameter', 'SignatureMethod/Version');
    const timestamp = params.get('Timestamp') ?? '';
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp)) return fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp is not valid.');
    if (Math.abs(Date.parse(timestamp) - Date.now()) > MAX_SKEW_SECONDS * 1000) return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date header is expired.');
    const nonce = params.get('SignatureNonce') ?? '';
    if (!nonce || nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    const names = [...params.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const canonical = names.map((name) => `${rfc3986(name)}=${rfc3986(params.get(name)!)}`).join('&');
    const stringToSign = [req.method ?? '', rfc3986('/'), rfc3986(canonical)].join('&');
    const expected = createHmac('sha1', `${keys.accessKeySecret}&`).update(stringToSign).digest('base64');
    if (!given || !sameText(given, expected)) return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    nonces.add(nonce);
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25') return fail(400, 'InvalidAction.NotFound', 'Specified api is not found.');
    if (!/^1\d{10}$/.test(params.get('PhoneNumbers') ?? '')) return fail(200, 'isv.MOBILE_NUMBER_ILLEGAL', 'invalid mobile number');
    let templateParams: Record<string, string>;
    try {
      templateParams = JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>;
    } catch {
      return fail(200, 'isv.INVALID_JSON_PARAM', 'TemplateParam is not JSON');
    }
    accepted.push({ phone: params.get('PhoneNumbers')!, signName: params.get('SignName') ?? '', template: params.get('TemplateCode') ?? '', params: templateParams });
    json(res, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0`, RequestId: randomUUID() });
  });
  return listening(server, accepted, refused);
}

// --- Tencent Cloud (API 3.0, TC3-HMAC-SHA256) -------------------------------------------------------

export async function tencentStandIn(keys: { secretId: string; secretKey: string; sdkAppId: string }): Promise<StandIn> {
  const accepted: AcceptedSms[] = [];
  const refused: string[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const fail = (Code: string, Message: string) => {
      refused.push(Code);
      json(res, 200, { Response: { Error: { Code, Message }, RequestId: randomUUID() } });
    };
    const authorization = req.headers.authorization ?? '';
    const parts = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(authorization);
    if (!parts) return fail('AuthFailure.InvalidAuthorization', 'Authorization header is malformed');
    const [, secretId, date, service, signedHeaderList, signature] = parts;
    if (secretId !== keys.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(timestamp - Date.now() / 1000) > MAX_SKEW_SECONDS) return fail('AuthFailure.SignatureExpire', 'Signature expired');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date || service !== 'sms') return fail('AuthFailure.SignatureFailure', 'Credential scope does not match the request');
    const signed = signedHeaderList.split(';');
    if (!signed.includes('content-type') || !signed.includes('host')) return fail('AuthFailure.SignatureFailure', 'content-type and host must be signed');
    const canonicalHeaders = signed.map((name) => `${name}:${String(req.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
    const canonicalRequest = [req.method, '/', '', canonicalHeaders, signedHeaderList, sha256(body)].join('\n');
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256(Buffer.from(canonicalRequest))].join('\n');
    const kDate = createHmac('sha256', Buffer.from(`TC3${keys.secretKey}`)).update(date).digest();
    const kService = createHmac('sha256', kDate).update(service).digest();
    const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
    if (!sameText(signature, createHmac('sha256', kSigning).update(stringToSign).digest('hex'))) return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated');
    if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11') return fail('InvalidAction', 'Action or version not supported');
    const request = JSON.parse(body.toString('utf8')) as { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet?: string[] };
    if (request.SmsSdkAppId !== keys.sdkAppId) return fail('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId does not belong to this account');
    const phone = request.PhoneNumberSet[0] ?? '';
    accepted.push({
      phone,
      signName: request.SignName,
      template: request.TemplateId,
      params: Object.fromEntries((request.TemplateParamSet ?? []).map((value, i) => [String(i + 1), value])),
    });
    json(res, 200, {
      Response: {
        SendStatusSet: [{ SerialNo: randomUUID(), PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }],
        RequestId: randomUUID(),
      },
    });
  });
  return listening(server, accepted, refused);
}

// --- plumbing ---------------------------------------------------------------------------------------

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  // Two statements: restify, loaded by the app in the same process, patches writeHead to return nothing.
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function listening(server: Server, accepted: AcceptedSms[], refused: string[]): Promise<StandIn> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, accepted, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

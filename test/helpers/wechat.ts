import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create as contentDisposition } from 'content-disposition';
import { testDatabase } from './database';

/**
 * A stand-in for WeChat's servers on loopback, written from WeChat's public documentation (not from
 * our channel code): it calls the bot's callback URLs signed (and in safe mode encrypted) the way
 * WeChat does, and serves the APIs the bot calls: access tokens, customer-service and template
 * messages of the Official Account, and WeCom customer service (sync_msg, send_msg, service state).
 */

export interface StandInAccounts {
  appId: string;
  appSecret: string;
  token: string;
  /** Safe mode when set. */
  aesKey?: string;
  corpId: string;
  kfSecret: string;
  wecomToken: string;
  wecomAesKey: string;
  openKfId: string;
}

export const ACCOUNTS: StandInAccounts = {
  appId: 'wx5ba1b2c3d4e5f6a7',
  appSecret: 'official-account-secret-0123456789',
  token: 'WeChatTok3n',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  corpId: 'ww0123456789abcdef',
  kfSecret: 'wecom-kf-secret-abcdefghijklmnop',
  wecomToken: 'WeComTok3n',
  wecomAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
  openKfId: 'wkAbCdEf0123456789',
};

/** The environment that points the bot at this stand-in. */
export function channelEnv(standIn: WeChatStandIn, safeMode = true): Record<string, string> {
  const a = standIn.accounts;
  return {
    WECHAT_APP_ID: a.appId,
    WECHAT_APP_SECRET: a.appSecret,
    WECHAT_TOKEN: a.token,
    ...(safeMode && a.aesKey ? { WECHAT_ENCODING_AES_KEY: a.aesKey } : {}),
    WECHAT_API_BASE: standIn.url,
    WECOM_CORP_ID: a.corpId,
    WECOM_KF_SECRET: a.kfSecret,
    WECOM_TOKEN: a.wecomToken,
    WECOM_ENCODING_AES_KEY: a.wecomAesKey,
    WECOM_API_BASE: standIn.url,
  };
}

/** The files the bot kept for a conversation (this test file's database), oldest first. */
export async function keptAttachments(conversationId: string): Promise<{ id: string; name: string; content_type: string; bytes: Buffer }[]> {
  const db = await testDatabase().db();
  return db.selectFrom('attachments').select(['id', 'name', 'content_type', 'bytes']).where('conversation_id', '=', conversationId).orderBy('created_at').execute();
}

// --- WeChat's message encryption, from the documentation ---------------------------------------

function aesKey(encodingAesKey: string): Buffer {
  return Buffer.from(encodingAesKey + '=', 'base64');
}

export function encrypt(encodingAesKey: string, receiverId: string, text: string): string {
  const key = aesKey(encodingAesKey);
  const message = Buffer.from(text);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(message.length, 0);
  const plain = Buffer.concat([randomBytes(16), size, message, Buffer.from(receiverId)]);
  const padding = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(padding, padding)])), cipher.final()]).toString('base64');
}

export function decrypt(encodingAesKey: string, text: string): { message: string; receiverId: string } {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]);
  const body = plain.subarray(0, plain.length - plain[plain.length - 1]);
  const size = body.readUInt32BE(16);
  return { message: body.subarray(20, 20 + size).toString(), receiverId: body.subarray(20 + size).toString() };
}

export function signature(...parts: string[]): string {
  return createHash('sha1').update(parts.sort().join('')).digest('hex');
}

const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
export function toXml(fields: Record<string, string | number>): string {
  return `<xml>${Object.entries(fields).map(([k, v]) => `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`).join('')}</xml>`;
}
export function xmlField(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2]) : undefined;
}

// --- The stand-in --------------------------------------------------------------------------------

interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  origin: number;
  msgtype: string;
  text?: { content: string; menu_id?: string };
  image?: { media_id: string };
  file?: { media_id: string };
  event?: Record<string, unknown>;
}

/** A WeCom text or msgmenu as send_msg and send_msg_on_event take it, checked against WeCom's limits. */
function kfContent(body: Record<string, unknown>): { text: string; menu?: { id: string; content: string }[] } | { errcode: number; errmsg: string } {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : -1);
  if (body.msgtype === 'text') {
    const content = (body.text as { content?: string } | undefined)?.content;
    if (!content) return { errcode: 40008, errmsg: 'invalid message type' };
    if (bytes(content) > 2048) return { errcode: 45002, errmsg: 'content size out of limit' };
    return { text: content };
  }
  if (body.msgtype !== 'msgmenu') return { errcode: 40008, errmsg: 'invalid message type' };
  const { head_content: head = '', list } = (body.msgmenu ?? {}) as { head_content?: string; list?: { type: string; click?: { id: string; content: string } }[] };
  if (bytes(head) > 1024 || !Array.isArray(list) || list.length === 0 || list.length > 10) return { errcode: 40058, errmsg: 'invalid msgmenu' };
  const menu = list.map((item) => item.click);
  if (list.some((item) => item.type !== 'click') || menu.some((c) => !c || bytes(c.id) < 1 || bytes(c.id) > 64 || bytes(c.content) < 1 || bytes(c.content) > 128)) return { errcode: 40058, errmsg: 'invalid msgmenu item' };
  return { text: head, menu: menu as { id: string; content: string }[] };
}

export interface SentText {
  to: string;
  /** The text, or a menu's head_content. */
  text: string;
  /** A WeCom msgmenu's click items. */
  menu?: { id: string; content: string }[];
  /** How it reached the user: in the callback's response, the customer-service API, WeCom's send_msg. */
  via: 'passive' | 'custom' | 'kf' | 'kf_event';
}

export class WeChatStandIn {
  readonly tokensIssued = { wechat: 0, wecom: 0 };
  readonly templates: { touser: string; template_id: string; data: Record<string, { value: string }> }[] = [];
  /** Every message a user received, in order. */
  readonly delivered: SentText[] = [];
  /** Seconds a token lives (WeChat: 7200). */
  tokenLifetimeSeconds = 7200;
  /** Slows the token endpoint (to let instances race for a refresh). */
  tokenDelayMs = 0;
  private readonly validTokens = new Map<string, 'wechat' | 'wecom'>();
  private readonly lastMessageAt = new Map<string, number>();
  private readonly kfMessages: KfMessage[] = [];
  private readonly kfStates = new Map<string, number>();
  private readonly callbackTokens = new Set<string>();
  private readonly eventCodes = new Map<string, string>();
  /** WeCom reception members now on duty (接待中): only they can be handed a session (state 3). */
  readonly servicersOnDuty = new Set(['zhangsan']);
  /** Files users sent, served by the media download API to the account they were sent to. */
  private readonly media = new Map<string, { kind: 'wechat' | 'wecom'; data: Buffer; contentType: string; filename: string }>();
  /** Makes service_state/trans fail (as for an account whose reception is switched off). */
  refuseTransfers = false;
  /** Every service_state/trans WeCom accepted. */
  readonly transfers: { user: string; state: number; servicer?: string }[] = [];
  /** sync_msg calls answered. */
  syncCalls = 0;
  /** How many times sync_msg handed out each msgid. */
  readonly served = new Map<string, number>();
  private server!: Server;
  url = '';

  constructor(readonly accounts: StandInAccounts = ACCOUNTS) {}

  static async start(accounts?: StandInAccounts): Promise<WeChatStandIn> {
    const standIn = new WeChatStandIn(accounts);
    standIn.server = createServer((req, res) => void standIn.handle(req, res));
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** What one user has received so far. */
  inbox(user: string): string[] {
    return this.delivered.filter((d) => d.to === user).map((d) => d.text);
  }

  /** Waits until the user has received at least `count` messages in all. */
  async waitForInbox(user: string, count: number, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox(user).length < count) {
      if (Date.now() > deadline) throw new Error(`${user} received ${this.inbox(user).length} messages, expected ${count}: ${JSON.stringify(this.inbox(user))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.inbox(user);
  }

  /** Waits until one of the user's messages matches; returns the inbox then. */
  async waitForText(user: string, pattern: RegExp, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.inbox(user).some((text) => pattern.test(text))) {
      if (Date.now() > deadline) throw new Error(`${user} received nothing matching ${pattern}: ${JSON.stringify(this.inbox(user))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.inbox(user);
  }

  /** As if the user last wrote more than 48 hours ago: WeChat refuses customer-service messages to them. */
  closeServiceWindow(user: string): void {
    this.lastMessageAt.set(user, Date.now() - 49 * 3600_000);
  }

  // --- The Official Account, as WeChat calls the bot --------------------------------------------

  /** WeChat's check when the server URL is saved in the admin console. */
  verifyOfficialAccountUrl(botUrl: string, echostr: string, token = this.accounts.token): Promise<Response> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(5).toString('hex');
    const query = new URLSearchParams({ signature: signature(token, timestamp, nonce), timestamp, nonce, echostr });
    return fetch(`${botUrl}/api/wechat?${query}`);
  }

  /**
   * Posts a user's message or event to the bot's /api/wechat as WeChat does; the passive reply, if
   * any, is delivered to the user. Returns the raw response.
   */
  async postToOfficialAccount(botUrl: string, fields: Record<string, string | number>, options: { safeMode?: boolean; token?: string; timestamp?: number } = {}): Promise<Response> {
    const { token = this.accounts.token, safeMode = Boolean(this.accounts.aesKey) } = options;
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(5).toString('hex');
    const openid = String(fields.FromUserName);
    const query = new URLSearchParams({ signature: signature(token, timestamp, nonce), timestamp, nonce, openid });
    let body = toXml(fields);
    if (safeMode) {
      const encrypted = encrypt(this.accounts.aesKey!, this.accounts.appId, body);
      query.set('encrypt_type', 'aes');
      query.set('msg_signature', signature(token, timestamp, nonce, encrypted));
      body = toXml({ ToUserName: String(fields.ToUserName), Encrypt: encrypted });
    }
    if (fields.MsgType !== 'event' || fields.Event !== 'unsubscribe') this.lastMessageAt.set(openid, Date.now());
    const res = await fetch(`${botUrl}/api/wechat?${query}`, { method: 'POST', body, headers: { 'Content-Type': 'text/xml' } });
    const reply = await res.clone().text();
    if (res.status === 200 && reply.startsWith('<xml>')) this.deliverPassive(openid, reply, safeMode);
    return res;
  }

  /** A user's text message to the account; resolves when the bot's HTTP answer arrived. */
  sayToOfficialAccount(botUrl: string, openid: string, text: string, msgId = String(Date.now()) + randomBytes(3).readUIntBE(0, 3)): Promise<Response> {
    return this.postToOfficialAccount(botUrl, { ToUserName: 'gh_0123456789ab', FromUserName: openid, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: text, MsgId: msgId });
  }

  private deliverPassive(openid: string, reply: string, safeMode: boolean): void {
    let xml = reply;
    if (safeMode) {
      const encrypted = xmlField(reply, 'Encrypt')!;
      const expected = signature(this.accounts.token, xmlField(reply, 'TimeStamp')!, xmlField(reply, 'Nonce')!, encrypted);
      if (xmlField(reply, 'MsgSignature') !== expected) throw new Error('the passive reply is not signed correctly');
      const opened = decrypt(this.accounts.aesKey!, encrypted);
      if (opened.receiverId !== this.accounts.appId) throw new Error('the passive reply is encrypted for another app');
      xml = opened.message;
    }
    if (xmlField(xml, 'ToUserName') !== openid || xmlField(xml, 'MsgType') !== 'text') throw new Error(`unexpected passive reply ${xml}`);
    const text = xmlField(xml, 'Content')!;
    if (Buffer.byteLength(text) > 2048) throw new Error('passive reply too long');
    this.delivered.push({ to: openid, text, via: 'passive' });
  }

  /** A file a user sends to an account; its media id. */
  addMedia(kind: 'wechat' | 'wecom', data: Buffer, contentType: string, filename: string): string {
    const mediaId = `${kind}-media-${randomBytes(8).toString('hex')}`;
    this.media.set(mediaId, { kind, data, contentType, filename });
    return mediaId;
  }

  /** A user's picture to the Official Account (MsgType image with PicUrl and MediaId). */
  sendImageToOfficialAccount(botUrl: string, openid: string, mediaId: string): Promise<Response> {
    const fields = { ToUserName: 'gh_0123456789ab', FromUserName: openid, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'image', PicUrl: `${this.url}/mmbiz/${mediaId}`, MediaId: mediaId };
    return this.postToOfficialAccount(botUrl, { ...fields, MsgId: String(Date.now()) + randomBytes(3).readUIntBE(0, 3) });
  }

  // --- WeCom customer service, as WeCom calls the bot -------------------------------------------

  /** A customer's picture or file (msgtype image / file with its media_id), and the callback. */
  sendMediaToWeCom(botUrl: string, externalUserId: string, msgtype: 'image' | 'file', mediaId: string): Promise<Response> {
    return this.fromCustomer(botUrl, externalUserId, { msgtype, [msgtype]: { media_id: mediaId } });
  }

  /** A customer's message is stored for sync_msg and the bot is told with an encrypted callback. */
  sayToWeCom(botUrl: string, externalUserId: string, text: string, menuId?: string): Promise<Response> {
    return this.fromCustomer(botUrl, externalUserId, { msgtype: 'text', text: { content: text, ...(menuId ? { menu_id: menuId } : {}) } });
  }

  private fromCustomer(botUrl: string, externalUserId: string, content: Pick<KfMessage, 'msgtype' | 'text' | 'image' | 'file'>): Promise<Response> {
    this.kfMessages.push(this.entry(externalUserId, 3, content));
    // A new chat, or one that had ended, starts new (state 0).
    if ((this.kfStates.get(externalUserId) ?? 4) === 4) this.kfStates.set(externalUserId, 0);
    return this.wecomCallback(botUrl);
  }

  /** An entry of the account's message list, as sync_msg hands it out. */
  private entry(externalUserId: string, origin: number, content: Pick<KfMessage, 'msgtype' | 'text' | 'image' | 'file' | 'event'>): KfMessage {
    return { msgid: randomBytes(8).toString('hex'), open_kfid: this.accounts.openKfId, external_userid: externalUserId, send_time: Math.floor(Date.now() / 1000), origin, ...content };
  }

  /** The last menu the customer received. */
  lastMenu(user: string): { id: string; content: string }[] | undefined {
    return this.delivered.filter((d) => d.to === user && d.menu).at(-1)?.menu;
  }

  /** The customer taps an item of the last menu: WeCom sends a text with the item's title and its id as menu_id. */
  async tapWeComMenu(botUrl: string, externalUserId: string, title: string): Promise<Response> {
    const item = this.lastMenu(externalUserId)?.find((i) => i.content === title);
    if (!item) throw new Error(`${externalUserId} has no menu item ${title}: ${JSON.stringify(this.lastMenu(externalUserId))}`);
    return this.sayToWeCom(botUrl, externalUserId, item.content, item.id);
  }

  /** WeCom's session state of a customer (service_state). */
  wecomState(user: string): number | undefined {
    return this.kfStates.get(user);
  }

  /**
   * The merchant's reception staff take the chat in WeCom's own client (change 1), or end it (change 3,
   * with a code that allows the bot one message).
   */
  wecomStaff(botUrl: string, externalUserId: string, changeType: 1 | 3): Promise<Response> {
    this.kfStates.set(externalUserId, changeType === 1 ? 3 : 4);
    const code = randomBytes(8).toString('hex');
    if (changeType === 3) this.eventCodes.set(code, externalUserId);
    return this.wecomEvent(botUrl, externalUserId, {
      event_type: 'session_status_change',
      change_type: changeType,
      ...(changeType === 1 ? { new_servicer_userid: 'zhangsan' } : { old_servicer_userid: 'zhangsan', msg_code: code }),
    });
  }

  /** The session ends and WeCom's event about it is lost (the bot never hears of it). */
  endWeComSessionSilently(externalUserId: string): void {
    this.kfStates.set(externalUserId, 4);
  }

  /** A system event (enter_session, session_status_change, …) for sync_msg, and the callback. */
  async wecomEvent(botUrl: string, externalUserId: string, event: Record<string, unknown>): Promise<Response> {
    this.kfMessages.push(this.entry(externalUserId, 4, { msgtype: 'event', event: { open_kfid: this.accounts.openKfId, external_userid: externalUserId, ...event } }));
    return this.wecomCallback(botUrl);
  }

  /** The customer opens the chat (enter_session); the bot may answer once with the welcome code. */
  enterWeCom(botUrl: string, externalUserId: string): Promise<Response> {
    const code = randomBytes(8).toString('hex');
    this.eventCodes.set(code, externalUserId);
    if (!this.kfStates.has(externalUserId)) this.kfStates.set(externalUserId, 0);
    return this.wecomEvent(botUrl, externalUserId, { event_type: 'enter_session', scene: '', welcome_code: code });
  }

  /** WeCom may hand out an entry again (a cursor lost, a retry): the last customer message, once more. */
  repeatLastWeComMessage(botUrl: string): Promise<Response> {
    this.kfMessages.push({ ...this.kfMessages.filter((m) => m.origin === 3).at(-1)! });
    return this.wecomCallback(botUrl);
  }

  /** The kf_msg_or_event callback, encrypted and signed with the WeCom app's token and key. */
  async wecomCallback(botUrl: string, options: { token?: string } = {}): Promise<Response> {
    const callbackToken = `ENC${randomBytes(12).toString('hex')}`;
    this.callbackTokens.add(callbackToken);
    const inner = toXml({ ToUserName: this.accounts.corpId, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'kf_msg_or_event', Token: callbackToken, OpenKfId: this.accounts.openKfId });
    const encrypted = encrypt(this.accounts.wecomAesKey, this.accounts.corpId, inner);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(5).toString('hex');
    const query = new URLSearchParams({ msg_signature: signature(options.token ?? this.accounts.wecomToken, timestamp, nonce, encrypted), timestamp, nonce });
    return fetch(`${botUrl}/api/wecom?${query}`, { method: 'POST', body: toXml({ ToUserName: this.accounts.corpId, Encrypt: encrypted, AgentID: '' }) });
  }

  /** WeCom's URL check: the echostr is encrypted, the bot answers it decrypted. */
  verifyWeComUrl(botUrl: string, echo: string): Promise<Response> {
    const echostr = encrypt(this.accounts.wecomAesKey, this.accounts.corpId, echo);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(5).toString('hex');
    const query = new URLSearchParams({ msg_signature: signature(this.accounts.wecomToken, timestamp, nonce, echostr), timestamp, nonce, echostr });
    return fetch(`${botUrl}/api/wecom?${query}`);
  }

  // --- The APIs the bot calls ----------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const reply = (json: Record<string, unknown>) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const q = url.searchParams;
    switch (url.pathname) {
      case '/cgi-bin/token':
        if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== this.accounts.appId || q.get('secret') !== this.accounts.appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        return reply(await this.issue('wechat'));
      case '/cgi-bin/gettoken':
        if (q.get('corpid') !== this.accounts.corpId || q.get('corpsecret') !== this.accounts.kfSecret) return reply({ errcode: 40001, errmsg: 'invalid credential' });
        return reply({ errcode: 0, errmsg: 'ok', ...(await this.issue('wecom')) });
    }
    const kind = this.validTokens.get(q.get('access_token') ?? '');
    if (url.pathname === '/cgi-bin/media/get') {
      const file = this.media.get(q.get('media_id') ?? '');
      if (!kind || !file || file.kind !== kind) return reply(kind ? { errcode: 40007, errmsg: 'invalid media_id' } : { errcode: 40001, errmsg: 'invalid access_token' });
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length, 'Content-Disposition': contentDisposition(file.filename) });
      res.end(file.data);
      return;
    }
    const account = url.pathname.startsWith('/cgi-bin/kf/') ? 'wecom' : 'wechat';
    if (kind !== account) return reply({ errcode: account === 'wechat' ? 40001 : 40014, errmsg: 'invalid access_token' });
    switch (url.pathname) {
      case '/cgi-bin/message/custom/send': {
        const { touser, msgtype, text } = body as { touser: string; msgtype: string; text?: { content: string } };
        if (msgtype !== 'text' || !text?.content) return reply({ errcode: 40008, errmsg: 'invalid message type' });
        if (Buffer.byteLength(text.content) > 2048) return reply({ errcode: 45002, errmsg: 'content size out of limit' });
        if (Date.now() - (this.lastMessageAt.get(touser) ?? 0) > 48 * 3600_000) return reply({ errcode: 45015, errmsg: 'response out of time limit' });
        this.delivered.push({ to: touser, text: text.content, via: 'custom' });
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      case '/cgi-bin/message/template/send': {
        this.templates.push(body as never);
        return reply({ errcode: 0, errmsg: 'ok', msgid: this.templates.length });
      }
      case '/cgi-bin/kf/sync_msg': {
        this.syncCalls += 1;
        const { cursor, token, open_kfid, limit } = body as { cursor?: string; token?: string; open_kfid?: string; limit?: number };
        if (open_kfid !== this.accounts.openKfId) return reply({ errcode: 95000, errmsg: 'invalid open_kfid' });
        if (token && !this.callbackTokens.has(token)) return reply({ errcode: 95007, errmsg: 'invalid msg token' });
        const from = cursor ? Number(cursor) : 0;
        const page = this.kfMessages.slice(from, from + Math.min(limit ?? 1000, 1000));
        for (const entry of page) this.served.set(entry.msgid, (this.served.get(entry.msgid) ?? 0) + 1);
        const next = from + page.length;
        return reply({ errcode: 0, errmsg: 'ok', next_cursor: String(next), has_more: next < this.kfMessages.length ? 1 : 0, msg_list: page });
      }
      case '/cgi-bin/kf/send_msg': {
        const { touser, open_kfid } = body as { touser: string; open_kfid: string };
        if (open_kfid !== this.accounts.openKfId) return reply({ errcode: 95000, errmsg: 'invalid open_kfid' });
        const content = kfContent(body);
        if ('errcode' in content) return reply(content);
        // Only a session in state 0 (new) or 1 (bot) may be written to through the API.
        if (![0, 1].includes(this.kfStates.get(touser) ?? -1)) return reply({ errcode: 95018, errmsg: 'invalid session state' });
        this.delivered.push({ to: touser, ...content, via: 'kf' });
        return reply({ errcode: 0, errmsg: 'ok', msgid: randomBytes(6).toString('hex') });
      }
      case '/cgi-bin/kf/service_state/get': {
        const { open_kfid, external_userid } = body as { open_kfid: string; external_userid: string };
        if (open_kfid !== this.accounts.openKfId) return reply({ errcode: 95000, errmsg: 'invalid open_kfid' });
        return reply({ errcode: 0, errmsg: 'ok', service_state: this.kfStates.get(external_userid) ?? 4, servicer_userid: '' });
      }
      case '/cgi-bin/kf/service_state/trans': {
        const { open_kfid, external_userid: user, service_state: state, servicer_userid: servicer } = body as { open_kfid: string; external_userid: string; service_state: number; servicer_userid?: string };
        if (open_kfid !== this.accounts.openKfId) return reply({ errcode: 95000, errmsg: 'invalid open_kfid' });
        if (this.refuseTransfers) return reply({ errcode: 95013, errmsg: 'reception is not available' });
        // The moves WeCom allows: from new or bot to any other, from the pool to a member or the end, from a member to another or the end.
        const allowed: Record<number, number[]> = { 0: [1, 2, 3, 4], 1: [1, 2, 3, 4], 2: [2, 3, 4], 3: [3, 4], 4: [] };
        if (!(allowed[this.kfStates.get(user) ?? 4] ?? []).includes(state)) return reply({ errcode: 95016, errmsg: 'invalid service state transition' });
        if (state === 3 && (!servicer || !this.servicersOnDuty.has(servicer))) return reply({ errcode: 95014, errmsg: 'servicer is not on duty' });
        this.kfStates.set(user, state);
        this.transfers.push({ user, state, ...(state === 3 ? { servicer } : {}) });
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      case '/cgi-bin/kf/send_msg_on_event': {
        const user = this.eventCodes.get(String(body.code));
        if (!user) return reply({ errcode: 95016, errmsg: 'invalid code' });
        const content = kfContent(body);
        if ('errcode' in content) return reply(content);
        this.eventCodes.delete(String(body.code));
        this.delivered.push({ to: user, ...content, via: 'kf_event' });
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      default:
        res.writeHead(404);
        res.end();
    }
  }

  /** A new token; like WeChat, issuing one makes the previous one of that account invalid. */
  private async issue(kind: 'wechat' | 'wecom'): Promise<{ access_token: string; expires_in: number }> {
    this.tokensIssued[kind] += 1;
    if (this.tokenDelayMs) await new Promise((r) => setTimeout(r, this.tokenDelayMs));
    for (const [token, k] of this.validTokens) if (k === kind) this.validTokens.delete(token);
    const token = `${kind}-token-${this.tokensIssued[kind]}-${randomBytes(6).toString('hex')}`;
    this.validTokens.set(token, kind);
    return { access_token: token, expires_in: this.tokenLifetimeSeconds };
  }
}

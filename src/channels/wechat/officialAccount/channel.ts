import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../log/logger';
import type { TurnLogic } from '../../inProcessAdapter';
import { ReplyWindow, type Address, type WeChatAdapter } from '../adapter';
import type { Arrivals } from '../arrivals';
import { refused, SUCCESS, type Answer, type CallbackEndpoint, type Query } from '../callback';
import type { WeChatCipher } from '../crypto';
import { sign, verifySignature, withinWindow } from '../signature';
import { buildXml, parseXml } from '../xml';
import type { MediaIntake } from '../media';
import { activityOf, mediaOf, officialAccountMessage } from './inbound';

export interface OfficialAccountSettings {
  /** The Token set in the account's server configuration (signs every request). */
  token: string;
  /** Safe mode when set (EncodingAESKey with the AppID); plaintext messages are then refused. */
  cipher?: WeChatCipher;
  /** Requests older or newer than this are refused as replays. */
  timestampWindowSeconds: number;
  /** WeChat waits 5 s for the answer; a turn done within this is answered in the response itself. */
  replyWindowMs: number;
}

/** The Official Account's server endpoint, independent of HTTP: URL verification and messages. */
export class OfficialAccountChannel implements CallbackEndpoint {
  constructor(
    private readonly settings: OfficialAccountSettings,
    private readonly adapter: WeChatAdapter<string>,
    private readonly logic: TurnLogic,
    private readonly arrivals: Arrivals<string>,
    private readonly media: MediaIntake,
    private readonly logger: Logger,
  ) {}

  /** The configuration check WeChat makes when the server URL is saved: echo `echostr` if signed with our token. */
  verifyUrl(query: Query): Answer {
    if (!this.signed(query)) return refused(401, 'Unauthorized', 'Bad or missing signature');
    return { status: 200, body: query.echostr ?? '' };
  }

  async receive(query: Query, body: string): Promise<Answer> {
    if (!this.signed(query)) return refused(401, 'Unauthorized', 'Bad or missing signature');
    const opened = this.open(query, body);
    if ('refusal' in opened) return opened.refusal;
    const message = officialAccountMessage.safeParse(opened.fields);
    if (!message.success) return refused(400, 'BadArgument', 'Not a WeChat message');
    const activity = activityOf(message.data);
    if (!activity) return SUCCESS;
    if (!(await this.arrivals.firstTime(activity))) {
      this.logger.info({ conversationId: activity.conversation?.id, activityId: activity.id }, 'WeChat retry ignored');
      return SUCCESS;
    }
    const address: Address = { conversationId: activity.conversation!.id, userId: activity.from!.id, accountId: activity.recipient!.id };
    const pending = await this.arrivals.admit(activity);
    if (pending.length) return this.reply(address, pending);

    const window = new ReplyWindow();
    // A picture is fetched within the same 5 seconds as the turn.
    const turn = this.media.attach(activity, mediaOf(message.data)).then(() => this.adapter.runTurn(activity, this.logic, window)).then(
      () => true,
      async (err: unknown) => {
        this.logger.error({ err, conversationId: address.conversationId }, 'WeChat turn failed');
        await this.arrivals.forget(activity).catch(() => undefined);
        return true;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.settings.replyWindowMs)));
    const inTime = await Promise.race([turn, late]);
    clearTimeout(timer);
    const held = window.close();
    if (!inTime) {
      // Too slow for the response: what the turn said so far, and all it says later, goes through the API.
      void this.adapter.send(address, held).catch((err: unknown) => this.logger.error({ err, conversationId: address.conversationId }, 'WeChat send failed'));
      return SUCCESS;
    }
    return this.reply(address, await this.adapter.render(address, held));
  }

  /** The first text in the response, the others right after it through the API. */
  private reply(address: Address, texts: string[]): Answer {
    if (!texts.length) return SUCCESS;
    const [first, ...rest] = texts;
    if (rest.length) {
      setImmediate(() => {
        this.adapter.sendRendered(address, rest).catch((err: unknown) => this.logger.error({ err, conversationId: address.conversationId }, 'WeChat send failed'));
      });
    }
    const xml = buildXml({ ToUserName: address.userId, FromUserName: address.accountId, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: first });
    return { status: 200, body: this.seal(xml) };
  }

  private signed(query: Query): boolean {
    return withinWindow(query.timestamp, this.settings.timestampWindowSeconds) && verifySignature(query.signature, this.settings.token, query.timestamp, query.nonce ?? '');
  }

  /** The message's fields, decrypted in safe mode after checking `msg_signature`; or the refusal. */
  private open(query: Query, body: string): { fields: Record<string, unknown> } | { refusal: Answer } {
    const outer = parseXml(body);
    if (!outer) return { refusal: refused(400, 'BadArgument', 'The body must be WeChat XML') };
    const { cipher } = this.settings;
    if (!cipher) return query.encrypt_type === 'aes' ? { refusal: refused(400, 'BadArgument', 'Safe mode is not configured here') } : { fields: outer };
    if (query.encrypt_type !== 'aes' || typeof outer.Encrypt !== 'string') {
      return { refusal: refused(400, 'BadArgument', 'This account is in safe mode: messages must be encrypted') };
    }
    if (!verifySignature(query.msg_signature, this.settings.token, query.timestamp, query.nonce ?? '', outer.Encrypt)) {
      return { refusal: refused(401, 'Unauthorized', 'Bad or missing msg_signature') };
    }
    let inner: Record<string, unknown> | undefined;
    try {
      inner = parseXml(cipher.decrypt(outer.Encrypt));
    } catch {
      return { refusal: refused(400, 'BadArgument', 'The message does not decrypt with the configured key') };
    }
    return inner ? { fields: inner } : { refusal: refused(400, 'BadArgument', 'The decrypted message is not WeChat XML') };
  }

  /** In safe mode the reply is encrypted and signed the same way. */
  private seal(xml: string): string {
    const { cipher, token } = this.settings;
    if (!cipher) return xml;
    const encrypted = cipher.encrypt(xml);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return buildXml({ Encrypt: encrypted, MsgSignature: sign(token, timestamp, nonce, encrypted), TimeStamp: timestamp, Nonce: nonce });
  }
}

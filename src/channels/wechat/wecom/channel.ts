import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';
import type { Logger } from '../../../log/logger';
import { SerialQueue } from '../../../state/serialQueue';
import type { TurnLogic } from '../../inProcessAdapter';
import { ReplyWindow, type Address, type WeChatAdapter } from '../adapter';
import type { Arrivals } from '../arrivals';
import type { Contacts } from '../contacts';
import { refused, SUCCESS, type Answer, type CallbackEndpoint, type Query } from '../callback';
import type { WeChatCipher } from '../crypto';
import type { KeyValue } from '../keyValue';
import type { WeComMessage } from '../render';
import { verifySignature, withinWindow } from '../signature';
import { parseXml } from '../xml';
import type { WeComApi } from './api';
import type { MediaIntake } from '../media';
import { activityOf, kfMessage, mediaOf, staffChange, type KfMessage } from './inbound';
import { eventCode } from './outlet';
import { WeComPuller } from './puller';
import type { WeComStaff } from './staff';

export interface WeComSettings {
  token: string;
  /** EncodingAESKey with the CorpID: WeCom encrypts every callback. */
  cipher: WeChatCipher;
  timestampWindowSeconds: number;
}

const startsHandoff = (activity: Partial<Activity>) => activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.InitiateHandoff;

/**
 * WeCom customer service (微信客服): the callback only says "there is something new" (with a token
 * for sync_msg); the puller reads it, and each customer's entries run through the bot in order.
 */
export class WeComChannel implements CallbackEndpoint {
  private readonly queue = new SerialQueue();
  private readonly puller: WeComPuller;

  constructor(
    private readonly settings: WeComSettings,
    private readonly adapter: WeChatAdapter<WeComMessage>,
    api: WeComApi,
    private readonly staff: WeComStaff,
    private readonly logic: TurnLogic,
    private readonly arrivals: Arrivals<WeComMessage>,
    private readonly contacts: Contacts<WeComMessage>,
    private readonly media: MediaIntake,
    store: KeyValue,
    private readonly logger: Logger,
  ) {
    this.puller = new WeComPuller(api, store, (entry) => this.accept(entry), logger);
  }

  /** WeCom's URL check: the echostr is encrypted; the answer is its plaintext. */
  verifyUrl(query: Query): Answer {
    if (!this.signed(query, query.echostr ?? '')) return refused(401, 'Unauthorized', 'Bad or missing signature');
    try {
      return { status: 200, body: this.settings.cipher.decrypt(query.echostr) };
    } catch {
      return refused(400, 'BadArgument', 'The echostr does not decrypt with the configured key');
    }
  }

  async receive(query: Query, body: string): Promise<Answer> {
    const encrypted = parseXml(body)?.Encrypt;
    if (typeof encrypted !== 'string') return refused(400, 'BadArgument', 'The body must be WeCom XML with Encrypt');
    if (!this.signed(query, encrypted)) return refused(401, 'Unauthorized', 'Bad or missing signature');
    let event: Record<string, unknown> | undefined;
    try {
      event = parseXml(this.settings.cipher.decrypt(encrypted));
    } catch {
      return refused(400, 'BadArgument', 'The message does not decrypt with the configured key');
    }
    if (event?.Event === 'kf_msg_or_event' && typeof event.OpenKfId === 'string') {
      const token = typeof event.Token === 'string' ? event.Token : undefined;
      // WeCom wants its answer at once; the messages are read afterwards.
      void this.puller.pull(event.OpenKfId, token).catch((err: unknown) => this.logger.error({ err }, 'WeCom sync_msg failed'));
    }
    return SUCCESS;
  }

  /** One synced entry: each customer's entries are handled one after another, customers side by side. */
  private accept(entry: unknown): void {
    const parsed = kfMessage.safeParse(entry);
    if (!parsed.success) return;
    const message = parsed.data;
    const userId = message.external_userid ?? message.event?.external_userid;
    if (!userId) return;
    const staff = staffChange(message);
    const activity = activityOf(message);
    let handle: (() => Promise<unknown>) | undefined;
    if (staff === true) handle = () => this.staff.took(userId);
    else if (staff === false) handle = () => this.staff.left(message, userId);
    else if (activity) handle = () => this.run(message, activity);
    if (!handle) return;
    void this.queue.run(`${message.open_kfid}:${userId}`, handle).catch((err: unknown) => this.logger.error({ err, msgid: message.msgid }, 'WeCom entry failed'));
  }

  private async run(message: KfMessage, activity: Partial<Activity>): Promise<void> {
    if (!(await this.arrivals.firstTime(activity))) return;
    const address: Address = { conversationId: activity.conversation!.id, userId: activity.from!.id, accountId: activity.recipient!.id };
    if (await this.staff.haveIt(message, address)) return;
    // Entering the chat allows one message, sent with the event's code.
    const welcome = message.event?.welcome_code;
    if (welcome) await this.contacts.update(address.userId, { eventCode: eventCode(welcome) });
    const pending = await this.arrivals.admit(activity);
    if (pending.length) return this.adapter.sendRendered(address, pending);
    try {
      await this.media.attach(activity, mediaOf(message));
      // A turn's messages go out together (WeCom allows a few per customer message).
      const window = new ReplyWindow();
      await this.adapter.runTurn(activity, this.logic, window);
      const held = window.close();
      await this.adapter.sendRendered(address, await this.adapter.render(address, held));
      // After the turn's messages ("connecting you…"): WeCom refuses send_msg once its staff have the session.
      if (this.staff.takeHandoffs && held.some(startsHandoff)) await this.staff.takeOver(message, address);
    } catch (err) {
      await this.arrivals.forget(activity).catch(() => undefined);
      throw err;
    }
  }

  private signed(query: Query, payload: string): boolean {
    return withinWindow(query.timestamp, this.settings.timestampWindowSeconds) && verifySignature(query.msg_signature, this.settings.token, query.timestamp, query.nonce ?? '', payload);
  }
}

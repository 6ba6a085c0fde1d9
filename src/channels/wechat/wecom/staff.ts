import type { Logger } from '../../../log/logger';
import type { TurnLogic } from '../../inProcessAdapter';
import type { Address, WeChatAdapter } from '../adapter';
import { WeChatApiError } from '../apiClient';
import type { Contacts } from '../contacts';
import type { WeComMessage } from '../render';
import type { WeComApi } from './api';
import { handoffStatusOf, SessionState, type KfMessage } from './inbound';
import { eventCode } from './outlet';

/**
 * The merchant's own WeCom reception staff and the customer's session state: while they have a chat
 * the bot keeps quiet. With `handoff` set they also take our handoffs, as a contact centre would: the
 * session moves to the configured member (or WeCom's queue pool) and the bot hears handoff.status.
 */
export class WeComStaff {
  constructor(
    private readonly api: WeComApi,
    private readonly contacts: Contacts<WeComMessage>,
    private readonly adapter: WeChatAdapter<WeComMessage>,
    private readonly logic: TurnLogic,
    /** Set when WeCom's staff take "talk to a person" (else our agent console does); the member to hand to, if any. */
    private readonly handoff: { servicerUserId?: string } | undefined,
    private readonly logger: Logger,
  ) {}

  get takeHandoffs(): boolean {
    return this.handoff !== undefined;
  }

  /** A session change gave them the chat, or one of them wrote in it. */
  async took(userId: string): Promise<void> {
    await this.contacts.update(userId, { withWeComStaff: true });
  }

  /**
   * Whether they have the customer's chat. The flag set by WeCom's events is checked against WeCom's
   * session state, so an end event that never arrived cannot keep the bot quiet for good.
   */
  async haveIt(message: KfMessage, address: Address): Promise<boolean> {
    if (!(await this.contacts.get(address.userId)).withWeComStaff) return false;
    const state = await this.api.sessionState(address.accountId, address.userId);
    if (state === SessionState.Pool || state === SessionState.Servicer) return true;
    await this.left(message, address.userId);
    return false;
  }

  /**
   * The session with them ended: the bot answers again, and may send one message with the event's code.
   * When they take our handoffs, the one they had ends (the bot then asks for a rating); otherwise a
   * handoff to our console is not theirs to end.
   */
  async left(message: KfMessage, userId: string): Promise<void> {
    const code = message.event?.msg_code;
    await this.contacts.update(userId, { withWeComStaff: false, ...(code ? { eventCode: eventCode(code) } : {}) });
    if (this.handoff) await this.adapter.runTurn(handoffStatusOf(message, userId, 'completed'), this.logic);
  }

  /** Hands the session to them and tells the bot how that went (handoff.status). */
  async takeOver(message: KfMessage, address: Address): Promise<void> {
    const servicer = this.handoff?.servicerUserId;
    let state: 'accepted' | 'failed' = 'accepted';
    try {
      await this.api.transfer(address.accountId, address.userId, servicer).catch(async (err: unknown) => {
        // The member is off duty (or gone): WeCom's queue pool takes the chat instead.
        if (!servicer || !(err instanceof WeChatApiError)) throw err;
        this.logger.warn({ errcode: err.code }, 'WeCom servicer cannot take the chat: handed to the queue pool');
        await this.api.transfer(address.accountId, address.userId);
      });
      await this.took(address.userId);
    } catch (err) {
      if (!(err instanceof WeChatApiError)) throw err;
      this.logger.warn({ conversationId: address.conversationId, errcode: err.code }, 'WeCom refused the handoff');
      state = 'failed';
    }
    await this.adapter.runTurn(handoffStatusOf(message, address.userId, state), this.logic);
  }
}

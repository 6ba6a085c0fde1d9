import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { MediaRef } from '../media';

export const WECOM_CHANNEL_ID = 'wecom';
/** Marks conversation references of WeCom customer service (never dialled over HTTP). */
export const WECOM_SERVICE_URL = 'https://wecom.channel.invalid/';

/** Who sent a synced message: the customer, WeCom itself (events), or a WeCom reception agent. */
export const Origin = { Customer: 3, System: 4, Servicer: 5 } as const;

/** WeCom's session states (service_state). */
export const SessionState = { New: 0, Bot: 1, Pool: 2, Servicer: 3, Ended: 4 } as const;

const id = z.string().min(1).max(128);

/** One entry of sync_msg's msg_list, the fields the bot reads. */
export const kfMessage = z
  .object({
    msgid: id,
    open_kfid: id,
    external_userid: z.string().max(128).optional(),
    send_time: z.number().int(),
    origin: z.number().int(),
    msgtype: z.string().min(1).max(32),
    /** menu_id: the customer tapped an item of the bot's menu (its content is the item's title). */
    text: z.object({ content: z.string().max(20_000), menu_id: z.string().max(128).optional() }).loose().optional(),
    image: z.object({ media_id: z.string().max(256) }).loose().optional(),
    file: z.object({ media_id: z.string().max(256) }).loose().optional(),
    event: z
      .object({
        event_type: z.string().max(64),
        external_userid: z.string().max(128).optional(),
        welcome_code: z.string().max(256).optional(),
        change_type: z.number().int().optional(),
        /** With change_type 3 (ended): lets the bot send the customer one message (send_msg_on_event). */
        msg_code: z.string().max(256).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type KfMessage = z.infer<typeof kfMessage>;

/** session_status_change: who has the chat now (1 taken from the queue pool, 2 transferred, 3 ended, 4 taken up again). */
const STAFF_HAVE_IT: Record<number, boolean> = { 1: true, 2: true, 3: false, 4: true };

/**
 * Whether WeCom's own reception staff now have the customer's chat, when the entry says so: a
 * session state change, or a message a servicer sent. Undefined for anything else.
 */
export function staffChange(message: KfMessage): boolean | undefined {
  if (message.origin === Origin.Servicer) return true;
  if (message.origin !== Origin.System || message.event?.event_type !== 'session_status_change') return undefined;
  return STAFF_HAVE_IT[message.event.change_type ?? 0];
}

/**
 * A customer's message, or their entering the chat, as the bot's activity (its id WeCom's msgid).
 * Other entries run nothing.
 */
export function activityOf(message: KfMessage): Partial<Activity> | undefined {
  const userId = message.external_userid ?? message.event?.external_userid;
  if (!userId) return undefined;
  const base = baseOf(message, userId);
  // A tapped menu item says what it picks by its id (see renderWithMenu).
  if (message.origin === Origin.Customer) return { ...base, type: 'message', text: message.msgtype === 'text' ? (message.text?.menu_id || message.text?.content) ?? '' : '' };
  if (message.origin === Origin.System && message.event?.event_type === 'enter_session') return { ...base, type: 'conversationUpdate', membersAdded: [base.from, base.recipient] };
  return undefined;
}

/**
 * WeCom's reception staff took the customer's handoff (`accepted`), could not (`failed`), or ended the
 * session (`completed`): the standard handoff.status a contact-centre channel sends the bot.
 */
export function handoffStatusOf(message: KfMessage, userId: string, state: 'accepted' | 'failed' | 'completed'): Partial<Activity> {
  return { ...baseOf(message, userId), id: `${message.msgid}:${state}`, type: ActivityTypes.Event, name: HandoffEventNames.HandoffStatus, value: { state } };
}

/** The customer's chat with one customer-service account (user id = external_userid, the bot = the account's open_kfid). */
function baseOf(message: KfMessage, userId: string) {
  return {
    channelId: WECOM_CHANNEL_ID,
    serviceUrl: WECOM_SERVICE_URL,
    id: message.msgid,
    timestamp: new Date(message.send_time * 1000),
    conversation: { id: `${WECOM_CHANNEL_ID}:${message.open_kfid}:${userId}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: '', role: 'user' },
    recipient: { id: message.open_kfid, name: '', role: 'bot' },
  };
}

/** The picture or file of a customer's message, to be downloaded and kept as the message's attachment. */
export function mediaOf(message: KfMessage): MediaRef[] {
  if (message.origin !== Origin.Customer) return [];
  if (message.msgtype === 'image' && message.image) return [{ mediaId: message.image.media_id, kind: 'image' }];
  if (message.msgtype === 'file' && message.file) return [{ mediaId: message.file.media_id, kind: 'file' }];
  return [];
}

import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { MediaRef } from '../media';

export const WECHAT_CHANNEL_ID = 'wechat';
/** Marks conversation references of the Official Account (never dialled over HTTP). */
export const WECHAT_SERVICE_URL = 'https://wechat.channel.invalid/';

const id = z.string().min(1).max(128);

/** The fields of an Official Account message or event that the bot reads (WeChat sends more). */
export const officialAccountMessage = z
  .object({
    ToUserName: id,
    FromUserName: id,
    CreateTime: z.string().regex(/^\d{1,12}$/),
    MsgType: z.string().min(1).max(32),
    MsgId: z.string().max(64).optional(),
    Content: z.string().max(20_000).optional(),
    /** Speech recognised by WeChat in a voice message, when the account has it enabled. */
    Recognition: z.string().max(20_000).optional(),
    /** A picture's id for the media download API. */
    MediaId: z.string().max(256).optional(),
    Event: z.string().max(64).optional(),
    EventKey: z.string().max(256).optional(),
  })
  .loose();

export type OfficialAccountMessage = z.infer<typeof officialAccountMessage>;

/**
 * A message or event as the bot's activity: the conversation is the user's chat with the account
 * (user id = OpenID), its id WeChat's MsgId (events have none: time and event name instead). Text,
 * recognised speech and menu clicks (the menu item's key is taken as what the user said) become
 * messages; following the account is the user joining. Unfollowing and link-menu views run nothing.
 */
export function activityOf(message: OfficialAccountMessage): Partial<Activity> | undefined {
  const user = { id: message.FromUserName, name: '', role: 'user' };
  const bot = { id: message.ToUserName, name: '', role: 'bot' };
  const base = {
    channelId: WECHAT_CHANNEL_ID,
    serviceUrl: WECHAT_SERVICE_URL,
    id: message.MsgId ?? `${message.CreateTime}-${message.Event ?? message.MsgType}-${message.EventKey ?? ''}`,
    timestamp: new Date(Number(message.CreateTime) * 1000),
    conversation: { id: `${WECHAT_CHANNEL_ID}:${message.FromUserName}`, isGroup: false, conversationType: 'personal', name: '' },
    from: user,
    recipient: bot,
  };
  switch (message.MsgType) {
    case 'text':
      return { ...base, type: 'message', text: message.Content ?? '' };
    case 'voice':
      return { ...base, type: 'message', text: message.Recognition ?? '' };
    case 'image':
      // The picture itself is fetched and kept by the channel (see mediaOf).
      return { ...base, type: 'message', text: '' };
    case 'event': {
      const event = message.Event?.toLowerCase();
      if (event === 'subscribe') return { ...base, type: 'conversationUpdate', membersAdded: [user, bot] };
      if (event === 'click' && message.EventKey) return { ...base, type: 'message', text: message.EventKey };
      return undefined;
    }
    default:
      // Video, location, links: the bot answers as to a message it cannot read.
      return { ...base, type: 'message', text: '' };
  }
}

/** The picture of an image message, to be downloaded and kept as the message's attachment. */
export function mediaOf(message: OfficialAccountMessage): MediaRef[] {
  return message.MsgType === 'image' && message.MediaId ? [{ mediaId: message.MediaId, kind: 'image' }] : [];
}

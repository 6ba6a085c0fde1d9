import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { EMBEDDED_CHANNEL_ID, EMBEDDED_SERVICE_URL } from './adapter';
import type { ConversationRecord } from './store';

const attachment = z.object({
  contentType: z.string().min(1).max(255),
  contentUrl: z.string().max(8 * 1024 * 1024).optional(),
  content: z.unknown().optional(),
  name: z.string().max(255).optional(),
  thumbnailUrl: z.string().max(2048).optional(),
});

/** What a Direct Line client may post. Identity, ids and routing fields are always set by the server. */
export const postedActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(35).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  attachments: z.array(attachment).max(10).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  replyToId: z.string().max(256).optional(),
  from: z.object({ name: z.string().max(100).optional() }).loose().optional(),
}).refine((activity) => activity.type !== 'event' || /^webchat\//.test(activity.name ?? ''), {
  // The bot's own events (case updates, handoff status) come from the server, never from a web page.
  path: ['name'],
  message: 'events from a web page must be named webchat/…',
});

export type PostedActivity = z.infer<typeof postedActivitySchema>;

export function botAccount(botId: string, botName: string) {
  return { id: botId, name: botName, role: 'bot' };
}

/** What the server keeps of a client's channelData: Web Chat's own ids that match an echo to its send. */
const CLIENT_CHANNEL_DATA = ['clientActivityID', 'clientTimestamp'];

/**
 * The user's activity as the bot and the log see it: the sender is the token's user, whatever `from`
 * said (a client-chosen name such as the brand's would read as the bot's in the log), and channelData
 * keeps only Web Chat's ids (a client-set `agent` would pose as a person's message).
 */
export function inboundActivity(
  posted: PostedActivity,
  conversation: ConversationRecord,
  bot: { id: string; name: string },
): Partial<Activity> {
  const { from: _from, channelData, ...rest } = posted;
  const kept = Object.entries(channelData ?? {}).filter(([key, value]) => CLIENT_CHANNEL_DATA.includes(key) && typeof value === 'string');
  return {
    ...rest,
    ...(kept.length ? { channelData: Object.fromEntries(kept) } : {}),
    channelId: EMBEDDED_CHANNEL_ID,
    serviceUrl: EMBEDDED_SERVICE_URL,
    conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: conversation.userId, name: '', role: 'user' },
    recipient: botAccount(bot.id, bot.name),
  } as Partial<Activity>;
}

/** The conversationUpdate Azure's Direct Line sends when a conversation starts: user and bot join. */
export function conversationStart(
  conversation: ConversationRecord,
  bot: { id: string; name: string },
  locale: string | undefined,
): Partial<Activity> {
  return {
    type: 'conversationUpdate',
    channelId: EMBEDDED_CHANNEL_ID,
    serviceUrl: EMBEDDED_SERVICE_URL,
    conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: conversation.userId, name: '', role: 'user' },
    recipient: botAccount(bot.id, bot.name),
    membersAdded: [
      { id: conversation.userId, name: '', role: 'user' },
      botAccount(bot.id, bot.name),
    ],
    locale,
  } as Partial<Activity>;
}

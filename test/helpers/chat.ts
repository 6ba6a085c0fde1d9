import { ActivityTypes, MemoryStorage, type Activity } from 'botbuilder';
import { botHarness, type BotOptions } from './bot';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot with a memory handoff store; `send` returns everything that reached the user meanwhile (replies and proactive). */
export function chat(env: Record<string, string>, storage = new MemoryStorage(), options: BotOptions = {}) {
  const h = botHarness(env, { user: 'Merchant', storage, ...options });
  const drain = () => h.adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Trace);
  /** Waits until nothing more arrives for a while (notices follow a turn asynchronously). */
  const settle = async () => {
    let seen = -1;
    for (let i = 0; i < 40 && h.adapter.activeQueue.length !== seen; i++) {
      seen = h.adapter.activeQueue.length;
      await pause(40);
    }
  };
  const send = async (activity: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    await h.adapter.receiveActivity(typeof activity === 'string' ? { type: ActivityTypes.Message, text: activity, locale: 'zh-CN' } : { locale: 'zh-CN', ...activity });
    await settle();
    return drain();
  };
  const conversationId = () => h.adapter.conversation.conversation.id;
  const active = () => h.handoffs.active(conversationId());
  /** The queued chat is taken by `agent` and ended by them: the user is back with the bot (the rating follows). */
  const takenAndEnded = async (agent: string) => {
    const record = await active();
    expect(record?.state).toBe('queued');
    await h.handoffs.claim(record!.id, agent);
    await settle();
    drain();
    await h.handoffs.endByAgent(record!.id, agent);
    await settle();
  };
  return { ...h, send, drain, settle, conversationId, active, takenAndEnded };
}

export const texts = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === ActivityTypes.Message).map((a) => a.text);


import { createClient } from 'redis';

/** The realistic widget conversation: a welcome, then ten questions, over the embedded Direct Line. */
export const QUESTIONS = ['你好', '注销流程是怎样的', '需要哪些材料', '审核需要几天', '退款怎么退给我', '怎么核对退款到账', '办理有时间限制吗', '要注销银行卡吗', '客服联系方式', '谢谢'];

export interface WidgetRedisBytes {
  perConversation: number;
  keysPerConversation: number;
  byKind: Map<string, number>;
  /** Kept once for all conversations: the log's dictionaries, a rate counter per address. */
  shared: number;
  /** The baseline: the same conversations with each log entry as the plain JSON the log used to hold. */
  perConversationLogAsJson: number;
}

function kindOf(key: string): string {
  if (/:state:[^/]*\/users\//.test(key)) return 'user state';
  if (key.includes(':state:')) return 'conversation state';
  if (key.endsWith(':log')) return 'Direct Line activity log';
  if (key.endsWith(':meta')) return 'Direct Line conversation record';
  if (key.includes('{handoff}:t:')) return 'transcript for agents';
  if (key.includes(':rate:messages:')) return 'message rate counter (a minute)';
  return 'other';
}

/**
 * Runs `conversations` widget conversations against `base` (a server on the Redis at `redisUrl`, whose
 * keys start with `prefix`), then measures what Redis holds for each (MEMORY USAGE, by kind).
 */
export async function widgetRedisBytes(base: string, redisUrl: string, conversations: number, prefix = 'posbot:'): Promise<WidgetRedisBytes> {
  let logAsJson = 0;
  for (let c = 0; c < conversations; c++) {
    const { token, conversationId } = await (await fetch(`${base}/api/widget/token`, { method: 'POST' })).json();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    for (const text of QUESTIONS) {
      await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, locale: 'zh-CN' }) });
    }
    const { activities } = (await (await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, { headers })).json()) as { activities: { id?: string }[] };
    // What each entry was before it was compacted: the activity's JSON without the id its position gives.
    logAsJson += activities.reduce((sum, { id: _id, ...activity }) => sum + Buffer.byteLength(JSON.stringify(activity)), 0);
  }
  const client = createClient({ url: redisUrl });
  await client.connect();
  let bytes = 0;
  let keys = 0;
  let shared = 0;
  let log = 0;
  const byKind = new Map<string, number>();
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    for (const key of batch) {
      const size = (await client.memoryUsage(key)) ?? 0;
      if (key.endsWith(':dl:dictionaries') || key.includes(':rate:tokens:')) {
        shared += size;
        continue;
      }
      bytes += size;
      keys++;
      const kind = kindOf(key);
      if (kind === 'Direct Line activity log') log += size;
      byKind.set(kind, (byKind.get(kind) ?? 0) + size / conversations);
    }
  }
  await client.quit();
  return {
    perConversation: bytes / conversations,
    keysPerConversation: keys / conversations,
    byKind,
    shared,
    perConversationLogAsJson: (bytes - log + logAsJson) / conversations,
  };
}

/** A minimal Direct Line 3.0 client over fetch, for contract tests. */
export class DirectLineHttp {
  constructor(readonly base: string) {}

  async call(method: string, path: string, bearer?: string, body?: unknown) {
    const res = await fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers: {
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A token for a new conversation, the way the widget gets one. */
  async widgetToken(locale = 'zh-CN', visitor?: string): Promise<{ token: string; conversationId: string; userId: string; visitor: string }> {
    const res = await fetch(`${this.base}/api/widget/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale, visitor }),
    });
    // Said here, not as a later "401" from a call made with an undefined token.
    if (res.status !== 200) throw new Error(`widget token: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }
}

export interface ChatActivity {
  type: string;
  text?: string;
  from: { role?: string };
}

/**
 * A new conversation opened the way the widget opens one. With several servers (instances sharing
 * Redis) its requests take turns between them, starting with the first.
 */
export async function openChat(servers: string | string[], locale = 'en') {
  const bases = [servers].flat();
  let turn = 0;
  const dl = () => new DirectLineHttp(bases[turn++ % bases.length]);
  const { token, conversationId, userId } = await dl().widgetToken(locale);
  await dl().call('POST', '/conversations', token, {});
  const say = (text: string) => dl().call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text, locale });
  /** The newest message from the bot. */
  const lastBot = async (): Promise<ChatActivity> => {
    const page = await dl().call('GET', `/conversations/${conversationId}/activities`, token);
    return (page.body.activities as ChatActivity[]).filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)!;
  };
  /** What the bot answers to this message. */
  const answer = async (text: string) => {
    await say(text);
    return (await lastBot()).text ?? '';
  };
  return { token, conversationId, userId, say, lastBot, answer };
}

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
    return res.json();
  }
}

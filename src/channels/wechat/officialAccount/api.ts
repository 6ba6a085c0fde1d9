import { callWeChat, type WeChatApiClient } from '../apiClient';
import type { IssuedToken } from '../accessToken';

/** The Official Account's access token (`/cgi-bin/token`, client-credential grant). */
export async function issueOfficialAccountToken(base: string, appId: string, secret: string): Promise<IssuedToken> {
  const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret });
  const reply = await callWeChat(`${base}/cgi-bin/token?${query}`);
  return { token: String(reply.access_token), expiresInSeconds: Number(reply.expires_in) };
}

/** The Official Account calls the bot makes. */
export class OfficialAccountApi {
  constructor(private readonly client: WeChatApiClient) {}

  /** A customer-service text message (allowed for 48 hours after the user's last message, a few per message). */
  sendText(openId: string, content: string): Promise<unknown> {
    return this.client.post('/cgi-bin/message/custom/send', { touser: openId, msgtype: 'text', text: { content } });
  }

  /** A template message: the only way to reach a user outside the customer-service window. */
  sendTemplate(openId: string, templateId: string, data: Record<string, string>): Promise<unknown> {
    const fields = Object.fromEntries(Object.entries(data).map(([name, value]) => [name, { value }]));
    return this.client.post('/cgi-bin/message/template/send', { touser: openId, template_id: templateId, data: fields });
  }
}

import type { IssuedToken } from '../accessToken';
import { callWeChat, type WeChatApiClient } from '../apiClient';
import type { WeComMessage } from '../render';

/** WeCom's access token for the customer-service secret (`/cgi-bin/gettoken`). */
export async function issueWeComToken(base: string, corpId: string, secret: string): Promise<IssuedToken> {
  const reply = await callWeChat(`${base}/cgi-bin/gettoken?${new URLSearchParams({ corpid: corpId, corpsecret: secret })}`);
  return { token: String(reply.access_token), expiresInSeconds: Number(reply.expires_in) };
}

export interface SyncPage {
  next_cursor?: string;
  has_more?: number;
  msg_list?: unknown[];
}

/** The WeCom customer-service (微信客服) calls the bot makes. */
export class WeComApi {
  constructor(private readonly client: WeChatApiClient) {}

  /** The messages and events after `cursor` (the callback's token lifts the strict rate limit). */
  async syncMessages(openKfId: string, cursor: string | undefined, token: string | undefined): Promise<SyncPage> {
    return (await this.client.post('/cgi-bin/kf/sync_msg', { open_kfid: openKfId, limit: 1000, ...(cursor ? { cursor } : {}), ...(token ? { token } : {}) })) as SyncPage;
  }

  /** The session's state: 0 new, 1 with the bot, 2 in WeCom's queue pool, 3 with a reception member, 4 ended. */
  async sessionState(openKfId: string, externalUserId: string): Promise<number> {
    return Number((await this.client.post('/cgi-bin/kf/service_state/get', { open_kfid: openKfId, external_userid: externalUserId })).service_state);
  }

  /** Hands the session to a reception member (state 3) or, without one, to WeCom's queue pool (state 2). */
  transfer(openKfId: string, externalUserId: string, servicerUserId?: string): Promise<unknown> {
    const target = servicerUserId ? { service_state: 3, servicer_userid: servicerUserId } : { service_state: 2 };
    return this.client.post('/cgi-bin/kf/service_state/trans', { open_kfid: openKfId, external_userid: externalUserId, ...target });
  }

  send(openKfId: string, externalUserId: string, message: WeComMessage): Promise<unknown> {
    return this.client.post('/cgi-bin/kf/send_msg', { touser: externalUserId, open_kfid: openKfId, ...body(message) });
  }

  /** The one message an event's code allows (a welcome, or the end of a WeCom session); valid once, for 20 seconds. */
  sendOnEvent(code: string, message: WeComMessage): Promise<unknown> {
    return this.client.post('/cgi-bin/kf/send_msg_on_event', { code, ...body(message) });
  }
}

/** A text, or a menu whose click items answer with their id. */
function body(message: WeComMessage): Record<string, unknown> {
  if (typeof message === 'string') return { msgtype: 'text', text: { content: message } };
  const list = message.items.map(({ id, title }) => ({ type: 'click', click: { id, content: title } }));
  return { msgtype: 'msgmenu', msgmenu: { ...(message.head ? { head_content: message.head } : {}), list } };
}

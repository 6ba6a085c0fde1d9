import type { Server } from 'restify';
import type { Config } from '../../config';
import { normalizeLocale } from '../../i18n/language';
import type { Localizer } from '../../i18n/localizer';
import type { Logger } from '../../log/logger';
import type { InProcessAdapter, TurnLogic } from '../inProcessAdapter';
import { AccessTokens } from './accessToken';
import { WeChatAdapter } from './adapter';
import { WeChatApiClient } from './apiClient';
import { Arrivals } from './arrivals';
import type { CallbackEndpoint } from './callback';
import { Contacts } from './contacts';
import { WeChatCipher } from './crypto';
import type { KeyValue } from './keyValue';
import { MediaIntake, type AttachmentKeeper } from './media';
import { issueOfficialAccountToken, OfficialAccountApi } from './officialAccount/api';
import { OfficialAccountChannel } from './officialAccount/channel';
import { WECHAT_CHANNEL_ID } from './officialAccount/inbound';
import { OfficialAccountOutlet } from './officialAccount/outlet';
import { renderTexts, renderWithMenu, type RenderOptions, type WeComMessage } from './render';
import { registerCallbackRoutes } from './routes';
import { issueWeComToken, WeComApi } from './wecom/api';
import { WeComChannel } from './wecom/channel';
import { WECOM_CHANNEL_ID } from './wecom/inbound';
import { WeComOutlet } from './wecom/outlet';
import { WeComStaff } from './wecom/staff';

/** WeChat's limit for one text message through its APIs, in UTF-8 bytes. */
const TEXT_LIMIT_BYTES = 2048;
/** WeChat gives up on a callback after 5 s; answer a little before. */
const REPLY_WINDOW_MS = 4500;
/** WeChat's own retries come within seconds; anything older than this is a replay. */
const TIMESTAMP_WINDOW_SECONDS = 300;

export interface WeChatDependencies {
  keyValue: KeyValue;
  localizer: Localizer;
  /** The turn pipeline's logic, and its `attach` (the middleware and error handler every adapter gets). */
  logic: TurnLogic;
  attach: (adapter: InProcessAdapter) => void;
  logger: Logger;
  /** Where pictures and files users send are kept, and the largest one taken in. */
  attachments: AttachmentKeeper;
  uploadLimitBytes: number;
}

/** The WeChat entrances that are configured, with their adapters for proactive messages. */
export interface WeChatChannels {
  adapterFor(channelId: string | undefined): InProcessAdapter | undefined;
  register(server: Server, bodyLimitBytes: number): void;
}

export function createWeChatChannels(config: Config, deps: WeChatDependencies): WeChatChannels {
  const adapters = new Map<string, InProcessAdapter>();
  const routes: { path: string; endpoint: CallbackEndpoint }[] = [];
  const rendering: RenderOptions = {
    maxBytes: TEXT_LIMIT_BYTES,
    chooseHint: (locale) => deps.localizer.t(normalizeLocale(locale) ?? config.DEFAULT_LOCALE, 'bot:wechat.chooseHint'),
  };
  const intake = (client: WeChatApiClient) => new MediaIntake(client, deps.attachments, deps.uploadLimitBytes, deps.logger);
  const prepare = <M>(adapter: WeChatAdapter<M>) => {
    deps.attach(adapter);
    adapters.set(adapter.channelId, adapter);
    return adapter;
  };

  if (config.WECHAT_APP_ID && config.WECHAT_APP_SECRET && config.WECHAT_TOKEN) {
    const { WECHAT_APP_ID: appId, WECHAT_APP_SECRET: secret, WECHAT_API_BASE: base } = config;
    const contacts = new Contacts<string>(deps.keyValue, WECHAT_CHANNEL_ID);
    const tokens = new AccessTokens(deps.keyValue, `wechat:${appId}`, () => issueOfficialAccountToken(base, appId, secret));
    const client = new WeChatApiClient(base, tokens);
    const api = new OfficialAccountApi(client);
    const template = config.WECHAT_TEMPLATE_ID ? { templateId: config.WECHAT_TEMPLATE_ID, field: config.WECHAT_TEMPLATE_FIELD } : undefined;
    const adapter = prepare(new WeChatAdapter(WECHAT_CHANNEL_ID, new OfficialAccountOutlet(api, contacts, deps.localizer, template, deps.logger), contacts, (activities) => renderTexts(activities, rendering)));
    const settings = {
      token: config.WECHAT_TOKEN,
      cipher: config.WECHAT_ENCODING_AES_KEY ? new WeChatCipher(config.WECHAT_ENCODING_AES_KEY, appId) : undefined,
      timestampWindowSeconds: TIMESTAMP_WINDOW_SECONDS,
      replyWindowMs: REPLY_WINDOW_MS,
    };
    routes.push({ path: '/api/wechat', endpoint: new OfficialAccountChannel(settings, adapter, deps.logic, new Arrivals(deps.keyValue, contacts), intake(client), deps.logger) });
  }

  if (config.WECOM_CORP_ID && config.WECOM_KF_SECRET && config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY) {
    const { WECOM_CORP_ID: corpId, WECOM_KF_SECRET: secret, WECOM_API_BASE: base } = config;
    const contacts = new Contacts<WeComMessage>(deps.keyValue, WECOM_CHANNEL_ID);
    const tokens = new AccessTokens(deps.keyValue, `wecom:${corpId}`, () => issueWeComToken(base, corpId, secret));
    const client = new WeChatApiClient(base, tokens);
    const api = new WeComApi(client);
    const adapter = prepare(new WeChatAdapter(WECOM_CHANNEL_ID, new WeComOutlet(api, contacts, deps.logger), contacts, (activities) => renderWithMenu(activities, rendering)));
    const settings = { token: config.WECOM_TOKEN, cipher: new WeChatCipher(config.WECOM_ENCODING_AES_KEY, corpId), timestampWindowSeconds: TIMESTAMP_WINDOW_SECONDS };
    const handoff = config.WECOM_HANDOFF === 'wecom' ? { servicerUserId: config.WECOM_SERVICER_USERID } : undefined;
    const staff = new WeComStaff(api, contacts, adapter, deps.logic, handoff, deps.logger);
    routes.push({ path: '/api/wecom', endpoint: new WeComChannel(settings, adapter, api, staff, deps.logic, new Arrivals(deps.keyValue, contacts), contacts, intake(client), deps.keyValue, deps.logger) });
  }

  return {
    adapterFor: (channelId) => (channelId ? adapters.get(channelId) : undefined),
    register: (server, bodyLimitBytes) => {
      for (const { path, endpoint } of routes) registerCallbackRoutes(server, path, endpoint, bodyLimitBytes, deps.logger);
    },
  };
}

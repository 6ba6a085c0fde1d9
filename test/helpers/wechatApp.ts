import { hashPassword } from '../../src/agentConsole/passwords';
import { nextEvent } from './agentFeed';
import { startApp, type RunningApp } from './app';
import { channelEnv, WeChatStandIn } from './wechat';

/** The back-office token of the WeChat tests' reviewer. */
export const REVIEWER = 'wechat-reviewer-token-'.padEnd(40, 'w');
const AGENT = { name: 'alice', password: 'alice-password-1' };

export interface WeChatApp {
  wechat: WeChatStandIn;
  running: RunningApp;
  /** A reviewer's POST to /backoffice<path>. */
  backoffice(path: string, body: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** The bot with both WeChat entrances on a fresh stand-in, a reviewer and an agent, the console always open. */
export async function startWeChatApp(env: Record<string, string> = {}): Promise<WeChatApp> {
  const wechat = await WeChatStandIn.start();
  const running = await startApp({
    ...channelEnv(wechat),
    BACKOFFICE_TOKENS: `ops:${REVIEWER}`,
    HANDOFF_AGENTS: `${AGENT.name}:${await hashPassword(AGENT.password)}`,
    BUSINESS_HOURS: '00:00-24:00',
    BUSINESS_DAYS: '1-7',
    ...env,
  });
  return {
    wechat,
    running,
    backoffice: (path, body) =>
      fetch(`${running.url}/backoffice${path}`, { method: 'POST', headers: { Authorization: `Bearer ${REVIEWER}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    stop: async () => {
      await running.stop();
      await wechat.stop();
    },
  };
}

/** The agent signed in to our console, its live feed open and past the first queue snapshot. */
export async function signInAgent(url: string): Promise<{ agent(path: string, body?: unknown): Promise<Response>; feed: ReadableStreamDefaultReader<Uint8Array> }> {
  const headers = { origin: url, 'Content-Type': 'application/json' };
  const login = await fetch(`${url}/staff/api/login`, { method: 'POST', headers, body: JSON.stringify(AGENT) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const feed = (await fetch(`${url}/staff/api/chats/events`, { headers: { cookie } })).body!.getReader();
  await nextEvent(feed, (event) => event === 'queue');
  return {
    agent: (path, body) => fetch(`${url}/staff/api/chats${path}`, { method: 'POST', headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) }),
    feed,
  };
}

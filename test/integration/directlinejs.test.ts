import { startApp, type RunningApp } from '../helpers/app';
import { DirectLineHttp } from '../helpers/directLine';

// botframework-directlinejs is the library inside Web Chat; in Node it needs these two browser APIs.
(globalThis as Record<string, unknown>).XMLHttpRequest = require('xhr2');
(globalThis as Record<string, unknown>).WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

interface Activity {
  type: string;
  text?: string;
  from: { id: string; role?: string };
}

describe('botframework-directlinejs against the embedded Direct Line', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.stop());

  it.each([
    ['WebSocket', true],
    ['polling', false],
  ])('connects over %s, gets the welcome, sends 你好 and gets a reply', async (_mode, webSocket) => {
    const { token, userId } = await new DirectLineHttp(running.url).widgetToken('zh-CN');
    const directLine = new DirectLine({ token, domain: `${running.url}/v3/directline`, webSocket, pollingInterval: 200 });
    const received: Activity[] = [];
    const botMessages = (n: number) =>
      new Promise<Activity[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out: ${JSON.stringify(received.map((a) => a.text))}`)), 10_000);
        const check = () => {
          const bot = received.filter((a) => a.type === 'message' && a.from.role === 'bot');
          if (bot.length >= n) {
            clearTimeout(timer);
            resolve(bot);
            return true;
          }
          return false;
        };
        if (!check()) {
          const sub = directLine.activity$.subscribe(() => check() && sub.unsubscribe());
        }
      });
    const subscription = directLine.activity$.subscribe((a: Activity) => received.push(a));
    try {
      const [welcome] = await botMessages(1);
      expect(welcome.text).toContain('POS 机服务助手');
      expect(directLine.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);

      const id = await new Promise<string>((resolve, reject) =>
        directLine.postActivity({ type: 'message', text: '你好', from: { id: 'spoofed' } }).subscribe(resolve, reject),
      );
      expect(id).toEqual(expect.any(String));
      const replies = await botMessages(2);
      expect(replies[1].text).toMatch(/请问有什么可以帮您/);
      const echo = received.find((a) => a.type === 'message' && a.text === '你好');
      expect(echo?.from.id).toBe(userId);
    } finally {
      subscription.unsubscribe();
      directLine.end();
    }
  });
});

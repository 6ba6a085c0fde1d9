import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, spawnBot, waitReady, type BotProcess } from '../helpers/process';

interface Posted {
  path: string;
  body: { type?: string; text?: string; replyToId?: string; conversation?: { id: string } };
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

/**
 * How a channel of Azure Bot Service talks to the bot: the activity comes in on /api/messages and
 * every reply goes out as a POST to the channel's serviceUrl (Bot Connector's v3 REST API), here a
 * loopback channel. The compiled server, as `npm start` runs it: its bundle builds the connector
 * client from the Bot Framework's TypeScript, not the modules the in-process tests load.
 */
describe('replies posted to the channel (Bot Connector v3)', () => {
  let bot: BotProcess;
  let channel: Server;
  const posted: Posted[] = [];

  beforeAll(async () => {
    channel = createServer(async (req, res) => {
      posted.push({ path: req.url ?? '', body: JSON.parse((await read(req)) || '{}') as Posted['body'] });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    bot = spawnBot({ PORT: String(await freePort()) });
    await waitReady(bot.url);
  });
  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await new Promise((resolve) => channel?.close(resolve));
  });

  it('answers a question by posting the reply to the conversation on the serviceUrl', async () => {
    const serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'incoming-1',
        channelId: 'test',
        serviceUrl,
        conversation: { id: 'channel-conversation' },
        from: { id: 'channel-user' },
        recipient: { id: 'bot' },
        text: '审核要几天',
        locale: 'zh-CN',
      }),
    });
    expect(res.status).toBe(200);
    const replies = posted.filter((p) => p.body.type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0].path).toBe('/v3/conversations/channel-conversation/activities/incoming-1');
    expect(replies[0].body).toMatchObject({ replyToId: 'incoming-1', conversation: { id: 'channel-conversation' } });
    expect(replies.map((p) => p.body.text).join('\n')).toMatch(/工作日/);
  });
});

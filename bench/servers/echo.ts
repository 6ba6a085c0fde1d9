/**
 * Baseline 2: the minimal botbuilder bot, as the official EchoBot sample builds it: CloudAdapter on
 * restify and an ActivityHandler that echoes the text (and welcomes a new member), no state.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { announce, PORT } from './ipc';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(MessageFactory.text('Hello and welcome!'));
      }
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
// What the bench's start-up figure waits for, as it does for ours.
server.get('/readyz', async (_req: Request, res: Response) => {
  res.send(200, 'ready');
});
server.listen(PORT, '127.0.0.1', () => announce((server.address() as { port: number }).port));

import type { CloudAdapter } from 'botbuilder';
import type { Request, RequestHandler, Response, Server } from 'restify';
import type { Logger } from '../log/logger';
import { isLoopback, sendError } from '../server/http';
import type { TurnLogic } from './directline/adapter';

export interface BotFrameworkRouteOptions {
  /** With no MicrosoftAppId botbuilder accepts any caller and replies to any serviceUrl: allow loopback only. */
  loopbackOnly: boolean;
  json: RequestHandler[];
}

/** `/api/messages`: the Bot Framework protocol for Azure Bot Service and the Emulator. */
export function registerBotFrameworkRoute(server: Server, adapter: CloudAdapter, logic: TurnLogic, options: BotFrameworkRouteOptions, logger: Logger): void {
  server.post('/api/messages', ...options.json, async (req: Request, res: Response) => {
    if (options.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
      logger.warn({ reqId: req.id() }, 'refused /api/messages from a non-loopback caller: no MicrosoftAppId configured');
      return sendError(res, 403, 'Forbidden', 'This bot has no MicrosoftAppId configured and only accepts local callers');
    }
    if (typeof req.body !== 'object' || req.body === null || Buffer.isBuffer(req.body)) {
      return sendError(res, 400, 'BadArgument', 'The body must be a JSON activity (Content-Type: application/json)');
    }
    try {
      await adapter.process(req, res, logic);
    } catch (err) {
      // CloudAdapter validates the activity with zod and throws on a malformed one.
      logger.info({ reqId: req.id(), err: { name: (err as Error).name } }, 'rejected a malformed activity');
      sendError(res, 400, 'BadArgument', 'The body is not a valid activity');
    }
  });
}

import type { CloudAdapter } from 'botbuilder';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { describeZodError, isLoopback, sendError } from '../server/http';
import type { TurnLogic } from './directline/adapter';

export interface BotFrameworkRouteOptions {
  /** With no MicrosoftAppId botbuilder accepts any caller and replies to any serviceUrl: allow loopback only. */
  loopbackOnly: boolean;
  json: RequestHandler[];
}

/**
 * What every channel's activity carries (Bot Framework activity schema). botbuilder answers a bare 400
 * or runs a turn without a conversation for less; here the caller learns what is missing.
 */
const inboundActivity = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().min(1).max(2048),
    conversation: z.object({ id: z.string().min(1).max(512) }).loose(),
    from: z.object({ id: z.string().max(512) }).loose().optional(),
    id: z.string().max(512).optional(),
  })
  .loose();

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
    const shape = inboundActivity.safeParse(req.body);
    if (!shape.success) return sendError(res, 400, 'BadArgument', describeZodError(shape.error));
    try {
      await adapter.process(req, res, logic);
    } catch (err) {
      // CloudAdapter validates the activity with zod and throws on a malformed one.
      logger.info({ reqId: req.id(), err: { name: (err as Error).name } }, 'rejected a malformed activity');
      sendError(res, 400, 'BadArgument', 'The body is not a valid activity');
    }
  });
}

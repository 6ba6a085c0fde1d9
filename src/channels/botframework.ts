import { ActivityTypes, Channels, CloudAdapter, DeliveryModes, type Activity, type InvokeResponse } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { describeZodError, isLoopback, sendError } from '../server/http';
import type { TurnLogic } from './inProcessAdapter';

export interface BotFrameworkRouteOptions {
  /** With no MicrosoftAppId botbuilder accepts any caller and replies to any serviceUrl: allow loopback only. */
  loopbackOnly: boolean;
  json: RequestHandler[];
}

/**
 * What every channel's activity carries (Bot Framework activity schema). botbuilder answers a bare 400
 * or runs a turn without a conversation for less; here the caller learns what is missing. Given only
 * these fields (see `envelope`): a loose object parses into a copy of everything it is given, and a
 * whole activity's copy was about 1% of a turn's CPU.
 */
const inboundActivity = z.object({
  type: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.object({ id: z.string().min(1).max(512) }).loose(),
  from: z.object({ id: z.string().max(512) }).loose().optional(),
  id: z.string().max(512).optional(),
});

/** The activity's fields that `inboundActivity` checks. */
function envelope({ type, serviceUrl, conversation, from, id }: Record<string, unknown>): Record<string, unknown> {
  return { type, serviceUrl, conversation, from, id };
}

/** `/api/messages`: the Bot Framework protocol for Azure Bot Service and the Emulator. */
/**
 * CloudAdapter with its request processing reachable, so the route can answer errors as JSON. Replies
 * collected for `expectReplies` leave out traces (the turn's intent and score) except for the Emulator,
 * as botbuilder's BotFrameworkAdapter does (botbuilder-js#2732) and CloudAdapter does not: they are
 * for the developer, and were a third of an FAQ answer's bytes.
 */
export class ChannelAdapter extends CloudAdapter {
  async processAuthenticated(authHeader: string, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    const response = await this.processActivity(authHeader, activity, logic);
    const replies = (response?.body as { activities?: Partial<Activity>[] } | undefined)?.activities;
    if (activity.deliveryMode === DeliveryModes.ExpectReplies && activity.channelId !== Channels.Emulator && replies) {
      response!.body = { ...(response!.body as object), activities: replies.filter((reply) => reply.type !== ActivityTypes.Trace) };
    }
    return response;
  }
}

export function registerBotFrameworkRoute(server: Server, adapter: ChannelAdapter, logic: TurnLogic, options: BotFrameworkRouteOptions, logger: Logger): void {
  server.post('/api/messages', ...options.json, async (req: Request, res: Response) => {
    if (options.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
      logger.warn({ reqId: req.id() }, 'refused /api/messages from a non-loopback caller: no MicrosoftAppId configured');
      return sendError(res, 403, 'Forbidden', 'This bot has no MicrosoftAppId configured and only accepts local callers');
    }
    if (typeof req.body !== 'object' || req.body === null || Buffer.isBuffer(req.body)) {
      return sendError(res, 400, 'BadArgument', 'The body must be a JSON activity (Content-Type: application/json)');
    }
    const shape = inboundActivity.safeParse(envelope(req.body as Record<string, unknown>));
    if (!shape.success) return sendError(res, 400, 'BadArgument', describeZodError(shape.error));
    // What CloudAdapter.process does, with JSON errors: it answers an authentication failure with a
    // bare 401 text and prints the error to the console.
    try {
      const response = await adapter.processAuthenticated(req.header('authorization') ?? '', withDates(req.body as Record<string, unknown>) as unknown as Activity, logic);
      res.status(response?.status ?? 200);
      if (response?.body !== undefined) res.json(response.body);
      else res.end();
    } catch (err) {
      if (isAuthenticationFailure(err)) {
        logger.warn({ reqId: req.id(), reason: (err as Error).message }, 'refused an unauthenticated activity');
        return sendError(res, 401, 'Unauthorized', 'The request is not authenticated for this bot');
      }
      logger.error({ err, reqId: req.id() }, '/api/messages failed');
      sendError(res, 500, 'ServiceError', 'Internal error');
    }
  });
}

/** Timestamps arrive as ISO strings; botbuilder expects Dates (and keeps the raw strings). */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  const fixed = { ...activity };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof fixed[field] === 'string') {
      fixed[raw] = fixed[field];
      fixed[field] = new Date(fixed[field] as string);
    }
  }
  return fixed;
}

/** botbuilder's own AuthenticationError, or the JWT library's errors it lets through (bad signature, alg none, unknown key). */
function isAuthenticationFailure(err: unknown): boolean {
  const { name, statusCode } = err as { name?: string; statusCode?: number };
  return err instanceof AuthenticationError || statusCode === 401 || name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError';
}

import type { Request, RequestHandler, Server } from 'restify';
import { z } from 'zod';
import { HandoffConflict, type HandoffService } from '../handoff/handoffService';
import { LANGUAGES } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { Logger } from '../log/logger';
import { parseBody, sendError } from '../server/http';
import type { Handler, StaffAuth } from '../staff/auth';
import { AgentFeed, handoffView } from './feed';

const messageBody = z.object({ text: z.string().trim().min(1).max(4000), clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });

/**
 * The agent's Chats page API under /staff/api/chats: the live feed (SSE), canned answers, and claim,
 * message, typing and end, each answered 409 with the owner when someone else got there first.
 */
export function registerChatRoutes(server: Server, auth: StaffAuth, handoffs: HandoffService, localizer: Localizer, json: RequestHandler[], logger: Logger): void {
  const feeds = new Set<AgentFeed>();

  const agentOnly = (handler: Handler, audited = true) =>
    auth.guard(['agent'], async (req, res, actor) => {
      try {
        await handler(req, res, actor);
      } catch (err) {
        if (err instanceof HandoffConflict) {
          res.status(409);
          return void res.json({ error: { code: 'Conflict', message: err.message, state: err.refusal.state, owner: err.refusal.owner } });
        }
        logger.error({ err, path: req.getPath() }, 'chats request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    }, { audited });

  const idOf = (req: Request): string => String(req.params.id);

  server.get('/staff/api/chats/canned', agentOnly(async (_req, res) => {
    res.json({ canned: Object.fromEntries(LANGUAGES.map((lang) => [lang, localizer.tree(lang, 'agent:canned')])) });
  }));

  server.get('/staff/api/chats/events', agentOnly(async (_req, res, agent) => {
    const feed = new AgentFeed(res, agent.name, handoffs, logger);
    feeds.add(feed);
    res.on('close', () => feeds.delete(feed));
  }));

  server.post('/staff/api/chats/:id/claim', agentOnly(async (req, res, agent) => {
    res.json({ handoff: handoffView(await handoffs.claim(idOf(req), agent.name)) });
  }));

  server.post('/staff/api/chats/:id/messages', ...json, agentOnly(async (req, res, agent) => {
    const body = parseBody(messageBody, req, res);
    if (!body) return;
    res.json({ entryId: await handoffs.fromAgent(idOf(req), agent.name, body.text, body.clientId) });
  }));

  server.post('/staff/api/chats/:id/typing', agentOnly(async (req, res, agent) => {
    await handoffs.typing(idOf(req), agent.name);
    res.send(204);
  }, false));

  server.post('/staff/api/chats/:id/end', agentOnly(async (req, res, agent) => {
    res.json({ handoff: handoffView(await handoffs.endByAgent(idOf(req), agent.name)) });
  }));

  server.on('close', () => {
    for (const feed of feeds) feed.close();
  });
}

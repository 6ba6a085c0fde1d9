import type { Request, RequestHandler, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { LABELS } from '../nlu/intents';
import { parseBody, sendError } from '../server/http';
import type { Handler, StaffAuth } from '../staff/auth';
import { actorLabel } from '../staff/roles';
import { UnansweredNotFound, type UnansweredService } from '../unanswered/unansweredService';

const assignBody = z.object({ intent: z.enum(LABELS as unknown as [string, ...string[]]) });

/** The editors' inbox of what the bot missed: list the groups, assign one to an intent (None: out of scope), or dismiss it. */
export function registerUnansweredRoutes(server: Server, auth: StaffAuth, unanswered: UnansweredService, json: RequestHandler[], logger: Logger): void {
  const editor = (handler: Handler) =>
    auth.guard(['editor'], async (req, res, actor) => {
      try {
        await handler(req, res, actor);
      } catch (err) {
        if (err instanceof UnansweredNotFound) return sendError(res, 404, 'NotFound', 'No such open question');
        logger.error({ err, path: req.getPath() }, 'unanswered request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    });
  const idOf = (req: Request) => z.coerce.number().int().positive().safeParse(req.params.id);

  server.get('/backoffice/unanswered', editor(async (_req, res) => {
    res.json({ groups: await unanswered.groups(), intents: LABELS });
  }));

  server.post('/backoffice/unanswered/:id/assign', ...json, editor(async (req, res, actor) => {
    const id = idOf(req);
    if (!id.success) return sendError(res, 400, 'BadArgument', 'id: not a message id');
    const body = parseBody(assignBody, req, res);
    if (!body) return;
    await unanswered.decide(id.data, body.intent as (typeof LABELS)[number], actorLabel(actor));
    res.json({ id: id.data, intent: body.intent });
  }));

  server.post('/backoffice/unanswered/:id/dismiss', editor(async (req, res, actor) => {
    const id = idOf(req);
    if (!id.success) return sendError(res, 400, 'BadArgument', 'id: not a message id');
    await unanswered.decide(id.data, undefined, actorLabel(actor));
    res.json({ id: id.data, dismissed: true });
  }));
}

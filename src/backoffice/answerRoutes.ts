import type { Request, RequestHandler, Server } from 'restify';
import { z } from 'zod';
import { ANSWERS, AnswerTextError, NoDraftError, UnknownVersionError, type AnswersService } from '../answers/answersService';
import { LANGUAGES, type Language } from '../i18n/language';
import type { Logger } from '../log/logger';
import { describeZodError, jsonBody, sendError } from '../server/http';
import type { Handler, StaffAuth } from '../staff/auth';
import { actorLabel } from '../staff/roles';

const draftBody = z.object({ text: z.string().trim().min(1).max(4000) });
const rollbackBody = z.object({ version: z.number().int().min(0) });

/** The editors' answers API: list, save a draft, publish, history, roll back (version 0: the locales/ text). */
export function registerAnswerRoutes(server: Server, auth: StaffAuth, answers: AnswersService, json: RequestHandler[], logger: Logger): void {
  const editor = (handler: Handler) =>
    auth.guard(['editor'], async (req, res, actor) => {
      try {
        await handler(req, res, actor);
      } catch (err) {
        if (err instanceof AnswerTextError) {
          res.status(400);
          return void res.json({ error: { code: 'BadPlaceholder', message: err.message, problem: err.problem, placeholder: err.placeholder } });
        }
        if (err instanceof NoDraftError) return sendError(res, 409, 'NoDraft', err.message);
        if (err instanceof UnknownVersionError) return sendError(res, 404, 'NotFound', err.message);
        logger.error({ err, path: req.getPath() }, 'answers request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    });
  /** The answer and language of the path, or undefined after answering 404. */
  const target = (req: Request): [string, Language] | undefined => {
    const answer = String(req.params.answer);
    const lang = String(req.params.lang) as Language;
    return ANSWERS.includes(answer) && LANGUAGES.includes(lang) ? [answer, lang] : undefined;
  };

  server.get('/backoffice/answers', editor(async (_req, res) => {
    res.json({ answers: await answers.list() });
  }));
  server.get('/backoffice/answers/:answer/:lang/history', editor(async (req, res) => {
    const found = target(req);
    if (!found) return sendError(res, 404, 'NotFound', 'No such answer');
    res.json({ versions: await answers.history(...found) });
  }));
  server.put('/backoffice/answers/:answer/:lang/draft', ...json, editor(async (req, res, actor) => {
    const found = target(req);
    if (!found) return sendError(res, 404, 'NotFound', 'No such answer');
    const body = draftBody.safeParse(jsonBody(req));
    if (!body.success) return sendError(res, 400, 'BadArgument', describeZodError(body.error));
    res.json(await answers.saveDraft(...found, body.data.text, actorLabel(actor)));
  }));
  server.post('/backoffice/answers/:answer/:lang/publish', editor(async (req, res, actor) => {
    const found = target(req);
    if (!found) return sendError(res, 404, 'NotFound', 'No such answer');
    res.json(await answers.publish(...found, actorLabel(actor)));
  }));
  server.post('/backoffice/answers/:answer/:lang/rollback', ...json, editor(async (req, res, actor) => {
    const found = target(req);
    if (!found) return sendError(res, 404, 'NotFound', 'No such answer');
    const body = rollbackBody.safeParse(jsonBody(req));
    if (!body.success) return sendError(res, 400, 'BadArgument', describeZodError(body.error));
    res.json(await answers.rollback(...found, body.data.version, actorLabel(actor)));
  }));
}

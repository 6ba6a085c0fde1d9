import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { AnswerTextError, NoDraftError, UnknownVersionError, type AnswersService } from '../answers/answersService';
import { LANGUAGES, type Language } from '../i18n/language';
import type { Logger } from '../log/logger';
import { parseBody, queryOf, sendError } from '../server/http';
import { readAnswers, writeAnswers } from '../answers/spreadsheet';
import type { Handler, StaffAuth } from '../staff/auth';
import { actorLabel, type Actor } from '../staff/roles';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The raw request body, or undefined past `limit` bytes. */
async function readBody(req: Request, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const draftBody = z.object({ text: z.string().trim().min(1).max(4000) });
const rollbackBody = z.object({ version: z.number().int().min(0) });

/** The editors' answers API: list, save a draft, publish, history, roll back (version 0: the locales/ text). */
export function registerAnswerRoutes(server: Server, auth: StaffAuth, answers: AnswersService, json: RequestHandler[], uploadLimitBytes: number, logger: Logger): void {
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
  /** An editor's request about the answer and language of its path (404 when there is no such answer). */
  const oneAnswer = (handler: (req: Request, res: Response, actor: Actor, answer: string, lang: Language) => Promise<void>) =>
    editor(async (req, res, actor) => {
      const answer = String(req.params.answer);
      const lang = String(req.params.lang) as Language;
      if (!answers.answers.includes(answer) || !LANGUAGES.includes(lang)) return sendError(res, 404, 'NotFound', 'No such answer');
      await handler(req, res, actor, answer, lang);
    });

  server.get('/backoffice/answers', editor(async (_req, res) => {
    res.json({ answers: await answers.list() });
  }));
  // Spreadsheets: the texts in use out (XLSX or CSV); drafts in, one per row (the body is the file).
  server.get('/backoffice/answers/export', editor(async (req, res) => {
    const format = queryOf(req).format === 'csv' ? 'csv' : 'xlsx';
    const file = await writeAnswers(await answers.textsInUse(), format);
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'Content-Disposition': `attachment; filename="answers.${format}"`,
      'Content-Length': file.length,
    });
    res.end(file);
  }));
  server.post('/backoffice/answers/import', editor(async (req, res, actor) => {
    const type = req.header('content-type') ?? '';
    const format = type.startsWith(XLSX_TYPE) ? 'xlsx' : type.startsWith('text/csv') ? 'csv' : undefined;
    if (!format) return sendError(res, 415, 'UnsupportedMediaType', `send the file as ${XLSX_TYPE} or text/csv`);
    const content = await readBody(req, uploadLimitBytes);
    if (!content) return sendError(res, 413, 'PayloadTooLarge', 'The file is too large');
    let rows;
    try {
      rows = await readAnswers(content, format);
    } catch {
      return sendError(res, 400, 'BadArgument', 'Not a spreadsheet with the columns answer, language and text');
    }
    res.json(await answers.importDrafts(rows, actorLabel(actor)));
  }));
  server.get('/backoffice/answers/:answer/:lang/history', oneAnswer(async (_req, res, _actor, answer, lang) => {
    res.json({ versions: await answers.history(answer, lang) });
  }));
  server.put('/backoffice/answers/:answer/:lang/draft', ...json, oneAnswer(async (req, res, actor, answer, lang) => {
    const body = parseBody(draftBody, req, res);
    if (!body) return;
    res.json(await answers.saveDraft(answer, lang, body.text, actorLabel(actor)));
  }));
  // What the merchant would see, before saving: the placeholder check, then the text with them filled in.
  server.post('/backoffice/answers/:answer/:lang/preview', ...json, oneAnswer(async (req, res, _actor, answer, lang) => {
    const body = parseBody(draftBody, req, res);
    if (!body) return;
    res.json({ text: answers.preview(answer, lang, body.text) });
  }));
  server.post('/backoffice/answers/:answer/:lang/publish', oneAnswer(async (_req, res, actor, answer, lang) => {
    res.json(await answers.publish(answer, lang, actorLabel(actor)));
  }));
  server.post('/backoffice/answers/:answer/:lang/rollback', ...json, oneAnswer(async (req, res, actor, answer, lang) => {
    const body = parseBody(rollbackBody, req, res);
    if (!body) return;
    res.json(await answers.rollback(answer, lang, body.version, actorLabel(actor)));
  }));
}

import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../../log/logger';
import { queryOf, sendError } from '../../server/http';
import type { Answer, CallbackEndpoint } from './callback';

/** Registers `path` for a WeChat entrance; bodies are read raw (XML) up to `bodyLimitBytes`. */
export function registerCallbackRoutes(server: Server, path: string, endpoint: CallbackEndpoint, bodyLimitBytes: number, logger: Logger): void {
  const raw = restify.plugins.bodyReader({ maxBodySize: bodyLimitBytes }) as unknown as restify.RequestHandler;
  server.get(path, async (req: Request, res: Response) => answer(res, endpoint.verifyUrl(queryOf(req))));
  server.post(path, raw, async (req: Request, res: Response) => {
    try {
      const body: unknown = req.body;
      answer(res, await endpoint.receive(queryOf(req), Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : ''));
    } catch (err) {
      logger.error({ err, reqId: req.id(), path }, 'WeChat callback failed');
      sendError(res, 500, 'ServiceError', 'Internal error');
    }
  });
}

function answer(res: Response, { status, body }: Answer): void {
  if (typeof body !== 'string') return sendError(res, status, body.error.code, body.error.message);
  res.status(status);
  res.setHeader('Content-Type', body.startsWith('<') ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8');
  res.end(body);
}

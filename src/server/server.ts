import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log/logger';
import { sendError } from './http';
import type { Readiness } from './readiness';

const MAX_JSON_DEPTH = 64;
const CORS_PREFIXES = ['/v3/directline/', '/api/widget/'];
const CORS_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Web Chat injects its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  // Nothing here is meant to be framed (the widget is a script on the host page): no clickjacking.
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const KEEP_ALIVE_MS = 245_000;

export interface HttpServerOptions {
  bodyLimitBytes: number;
}

/**
 * restify with what every route shares: request ids and access logs, CORS for the Direct Line and
 * widget endpoints, security headers, JSON errors without stack traces, health and readiness.
 */
export function createHttpServer(logger: Logger, readiness: Readiness, options: HttpServerOptions) {
  const server: Server = restify.createServer({ name: 'pos-cancel-bot', handleUpgrades: false });
  // Idle keep-alive connections outlive those of the proxies and clients in front (Azure's load
  // balancers keep them 4 minutes, browsers and Node's fetch seconds), so the client always closes
  // first; with Node's 5 s a request sent as the server closed the socket was reset.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.server.headersTimeout = KEEP_ALIVE_MS + 1000;

  server.pre((req: Request, res: Response, next: restify.Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    const path = req.getPath();
    if (CORS_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      // Token-authenticated and cookie-free, so any site embedding the widget may call these.
      res.header('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.header('Access-Control-Allow-Headers', CORS_HEADERS);
        res.header('Access-Control-Max-Age', '600');
        res.send(204);
        return next(false);
      }
    } else {
      res.header('Content-Security-Policy', CSP);
      res.header('X-Frame-Options', 'DENY');
    }
    return next();
  });

  server.on('after', (req: Request, res: Response) => {
    // The path only: query strings can carry stream credentials.
    logger.info({ reqId: req.id(), method: req.method, path: req.getPath(), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });

  // restify's own errors (404, 405, 413, bad JSON) and anything thrown by a handler: JSON, no stack.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ err, reqId: req.id(), path: req.getPath() }, 'request failed');
    const code = err.body?.code ?? (status >= 500 ? 'ServiceError' : 'BadArgument');
    const message = status >= 500 ? 'Internal error' : err.message;
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { code, message } });
    return callback();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ ok: true });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const report = await readiness.report();
    res.status(report.ready ? 200 : 503);
    res.json(report);
  });

  // jsonBodyParser reads the body itself (restify's bodyReader) and enforces the size cap.
  const parse = restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: options.bodyLimitBytes } as restify.plugins.JsonBodyParserOptions) as unknown as restify.RequestHandler[];
  // No activity or API body nests deeply; thousands of levels would only overflow the stack of whatever walks it next.
  const shallow: restify.RequestHandler = (req: Request, res: Response, next: restify.Next) => {
    if (!nestedDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
    sendError(res, 400, 'BadArgument', `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    return next(false);
  };
  return { server, json: [...parse, shallow] };
}

/**
 * Whether a parsed JSON value nests deeper than `limit` (walked without recursion). Only objects and
 * arrays are queued, each beside its depth: a pair for every value of every request's body was more
 * than all else this check allocated.
 */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    pending.push(value);
    depths.push(0);
  }
  while (pending.length) {
    const item = pending.pop()!;
    const depth = depths.pop()!;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) {
      if (child === null || typeof child !== 'object') continue;
      pending.push(child as object);
      depths.push(depth + 1);
    }
  }
  return false;
}

import { randomBytes } from 'node:crypto';
import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { HandoffConflict, type HandoffService } from '../handoff/handoffService';
import { LANGUAGES, normalizeLocale } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { Logger } from '../log/logger';
import { describeZodError, jsonBody, publicBase, queryOf, sendError } from '../server/http';
import { lockedFor, recordFailure, tooMany, type FailureLimit } from '../server/rateLimit';
import { AgentFeed, handoffView } from './feed';
import { verifyPassword } from './passwords';

const COOKIE = 'agent_session';
const loginBody = z.object({ name: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
const messageBody = z.object({ text: z.string().trim().min(1).max(4000), clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });

export interface AgentConsoleOptions {
  /** agent name → scrypt hash */
  agents: Record<string, string>;
  sessionHours: number;
  /** PUBLIC_URL: the console's origin (else the request's host). */
  publicUrl?: string;
  /** Adds `Secure` to the cookie (the console is served over https). */
  secureCookie: boolean;
  json: RequestHandler[];
  failures: FailureLimit;
}

/**
 * The agent console's API under /agent/api: login with a session cookie (HttpOnly, SameSite=Strict,
 * so other sites can neither read it nor send it), the live feed (SSE), and claim, message, typing
 * and end, each answered 409 with the owner when someone else got there first.
 */
export function registerAgentConsoleRoutes(server: Server, handoffs: HandoffService, localizer: Localizer, options: AgentConsoleOptions, logger: Logger): void {
  const feeds = new Set<AgentFeed>();
  const cookie = (value: string, maxAge: number) =>
    `${COOKIE}=${value}; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secureCookie ? '; Secure' : ''}`;

  const tokenOf = (req: Request): string | undefined => {
    const header = req.header('cookie') ?? '';
    const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(header);
    return match?.[1];
  };

  const guarded =
    (handler: (req: Request, res: Response, agent: string) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const token = tokenOf(req);
        const agent = token ? await handoffs.store.session(token) : undefined;
        if (!agent || !(agent in options.agents)) return sendError(res, 401, 'Unauthorized', 'Please log in');
        await handler(req, res, agent);
      } catch (err) {
        if (err instanceof HandoffConflict) {
          res.status(409);
          return void res.json({ error: { code: 'Conflict', message: err.message, state: err.refusal.state, owner: err.refusal.owner } });
        }
        logger.error({ err, path: req.getPath() }, 'agent console request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    };

  const bodyOf = <T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined => {
    const parsed = schema.safeParse(jsonBody(req));
    if (!parsed.success) sendError(res, 400, 'BadArgument', describeZodError(parsed.error));
    return parsed.success ? parsed.data : undefined;
  };

  const idOf = (req: Request): string => String(req.params.id);

  // State changes come from the console's own page: a browser says where a request comes from in
  // Origin, and another site's page is refused even if the cookie's SameSite were ever relaxed.
  const sameOrigin = (req: Request, res: Response, next: Next): void => {
    const origin = req.header('origin');
    if (origin === undefined || origin === publicBase(req, options.publicUrl, false)) return next();
    sendError(res, 403, 'Forbidden', 'Cross-origin requests are not allowed');
    next(false);
  };

  server.get('/agent', async (_req: Request, res: Response) => {
    res.header('Location', '/agent/');
    res.send(302);
  });

  server.get('/agent/api/strings', async (req: Request, res: Response) => {
    const lang = normalizeLocale(queryOf(req).lang) ?? 'zh-CN';
    res.json({ strings: localizer.tree(lang, 'agent:ui'), canned: localizer.tree(lang, 'agent:canned') });
  });

  server.post('/agent/api/login', sameOrigin, ...options.json, async (req: Request, res: Response) => {
    const body = bodyOf(loginBody, req, res);
    if (!body) return;
    // Per name from this address (guessing one agent's password) and per address (trying many names).
    const address = options.failures.address(req);
    const attempt = [`agent:${body.name}|${address}`, `agent-address:${address}`];
    const wait = await lockedFor(options.failures, attempt);
    if (wait) return tooMany(res, wait, `Too many failed logins; try again in ${wait} s`);
    if (!(await verifyPassword(body.password, options.agents[body.name]))) {
      await recordFailure(options.failures, attempt);
      logger.warn({ agent: body.name }, 'agent login failed');
      return sendError(res, 401, 'Unauthorized', 'Wrong name or password');
    }
    try {
      const token = randomBytes(32).toString('base64url');
      await handoffs.store.saveSession(token, body.name, options.sessionHours * 3600);
      res.header('Set-Cookie', cookie(token, options.sessionHours * 3600));
      res.json({ agent: body.name });
    } catch (err) {
      logger.error({ err }, 'agent session not saved');
      sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
  });

  server.post('/agent/api/logout', sameOrigin, async (req: Request, res: Response) => {
    const token = tokenOf(req);
    const agent = token ? await handoffs.store.session(token).catch(() => undefined) : undefined;
    if (token) await handoffs.store.dropSession(token).catch(() => undefined);
    if (agent) await handoffs.store.goOffline(agent).catch(() => undefined);
    res.header('Set-Cookie', cookie('', 0));
    res.send(204);
  });

  server.get(
    '/agent/api/me',
    guarded(async (_req, res, agent) => {
      res.json({ agent, canned: Object.fromEntries(LANGUAGES.map((lang) => [lang, localizer.tree(lang, 'agent:canned')])) });
    }),
  );

  server.get(
    '/agent/api/events',
    guarded(async (_req, res, agent) => {
      const feed = new AgentFeed(res, agent, handoffs, logger);
      feeds.add(feed);
      res.on('close', () => feeds.delete(feed));
    }),
  );

  server.post(
    '/agent/api/handoffs/:id/claim',
    sameOrigin,
    guarded(async (req, res, agent) => {
      res.json({ handoff: handoffView(await handoffs.claim(idOf(req), agent)) });
    }),
  );

  server.post(
    '/agent/api/handoffs/:id/messages',
    sameOrigin,
    ...options.json,
    guarded(async (req, res, agent) => {
      const body = bodyOf(messageBody, req, res);
      if (body) res.json({ entryId: await handoffs.fromAgent(idOf(req), agent, body.text, body.clientId) });
    }),
  );

  server.post(
    '/agent/api/handoffs/:id/typing',
    sameOrigin,
    guarded(async (req, res, agent) => {
      await handoffs.typing(idOf(req), agent);
      res.send(204);
    }),
  );

  server.post(
    '/agent/api/handoffs/:id/end',
    sameOrigin,
    guarded(async (req, res, agent) => {
      res.json({ handoff: handoffView(await handoffs.endByAgent(idOf(req), agent)) });
    }),
  );

  server.on('close', () => {
    for (const feed of feeds) feed.close();
  });
}

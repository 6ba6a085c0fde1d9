import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { normalizeLocale } from '../i18n/language';
import type { Localizer } from '../i18n/localizer';
import type { Logger } from '../log/logger';
import { parseBody, queryOf, sendError } from '../server/http';
import { lockedFor, recordFailure, tooMany, type FailureLimit } from '../server/rateLimit';
import type { StaffAuth } from './auth';
import { ROLES } from './roles';

const loginBody = z.object({ name: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });

export interface StaffRouteOptions {
  json: RequestHandler[];
  failures: FailureLimit;
  /** Called after a sign-out (an agent goes offline at once). */
  signedOut(name: string): Promise<void>;
}

/**
 * The staff app's session API under /staff/api: sign in and out, who am I (name and roles), and the
 * page's strings. The old agent console address leads into the app.
 */
export function registerStaffRoutes(server: Server, auth: StaffAuth, localizer: Localizer, options: StaffRouteOptions, logger: Logger): void {
  const toApp = async (_req: Request, res: Response) => {
    res.header('Location', '/staff/');
    res.send(302);
  };
  server.get('/staff', toApp);
  server.get('/agent', toApp);
  server.get('/agent/', toApp);

  server.get('/staff/api/strings', async (req: Request, res: Response) => {
    const lang = normalizeLocale(queryOf(req).lang) ?? 'zh-CN';
    res.json({ strings: { ...(localizer.tree(lang, 'agent:ui') as object), ...(localizer.tree(lang, 'staff:ui') as object) } });
  });

  server.post('/staff/api/login', ...options.json, async (req: Request, res: Response) => {
    if (!auth.sameOrigin(req)) return sendError(res, 403, 'Forbidden', 'Cross-origin request refused');
    const body = parseBody(loginBody, req, res);
    if (!body) return;
    const { name, password } = body;
    // Per name from this address (guessing one person's password) and per address (trying many names).
    const address = options.failures.address(req);
    const attempt = [`staff:${name}|${address}`, `staff-address:${address}`];
    const wait = await lockedFor(options.failures, attempt);
    if (wait) return tooMany(res, wait, `Too many failed sign-ins; try again in ${wait} s`);
    const account = await auth.signIn(name, password);
    if (!account) {
      await recordFailure(options.failures, attempt);
      logger.warn({ staff: name }, 'staff sign-in failed');
      return sendError(res, 401, 'Unauthorized', 'Wrong name or password');
    }
    try {
      await auth.openSession(res, account.name);
      res.json({ name: account.name, roles: account.roles });
      await auth.audit(req, res, `staff:${account.name}`);
    } catch (err) {
      logger.error({ err }, 'staff session not saved');
      sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
  });

  server.post('/staff/api/logout', async (req: Request, res: Response) => {
    if (!auth.sameOrigin(req)) return sendError(res, 403, 'Forbidden', 'Cross-origin request refused');
    const name = await auth.closeSession(req, res);
    res.send(204);
    if (!name) return;
    await options.signedOut(name).catch((err: unknown) => logger.warn({ err }, 'sign-out follow-up failed'));
    await auth.audit(req, res, `staff:${name}`);
  });

  server.get('/staff/api/me', auth.guard(ROLES, async (_req, res, actor) => {
    res.json({ name: actor.name, roles: actor.roles });
  }));
}

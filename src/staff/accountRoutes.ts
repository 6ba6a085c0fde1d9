import type { RequestHandler, Server } from 'restify';
import { z } from 'zod';
import { hashPassword } from '../agentConsole/passwords';
import type { Logger } from '../log/logger';
import { parseBody, sendError } from '../server/http';
import { AccountExistsError, type StaffAccount, type StaffDirectory } from './accounts';
import type { Handler, StaffAuth } from './auth';
import { actorLabel, ROLES } from './roles';

const name = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits and _.- only (at most 40)');
const roles = z.array(z.enum(ROLES)).min(1).transform((list) => [...new Set(list)]);
const password = z.string().min(10, 'at least 10 characters').max(200);
const createBody = z.object({ name, roles, password });
const changeBody = z.object({ roles: roles.optional(), password: password.optional(), disabled: z.boolean().optional() });

const view = ({ name, roles, source, disabled }: StaffAccount) => ({ name, roles, source, disabled });

/** The admin's Accounts API: list, create, change roles, reset a password, disable. */
export function registerAccountRoutes(server: Server, auth: StaffAuth, accounts: StaffDirectory, json: RequestHandler[], logger: Logger): void {
  const admin = (handler: Handler) =>
    auth.guard(['admin'], async (req, res, actor) => {
      try {
        await handler(req, res, actor);
      } catch (err) {
        logger.error({ err, path: req.getPath() }, 'accounts request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    });

  server.get('/staff/api/accounts', admin(async (_req, res) => {
    res.json({ accounts: (await accounts.list()).map(view) });
  }));

  server.post('/staff/api/accounts', ...json, admin(async (req, res, actor) => {
    const body = parseBody(createBody, req, res);
    if (!body) return;
    if (await accounts.configured.find(body.name)) return sendError(res, 409, 'AccountExists', 'An account of that name is in the configuration');
    try {
      const created = await accounts.stored.create(body.name, body.roles, await hashPassword(body.password), actorLabel(actor));
      res.status(201);
      res.json(view(created));
    } catch (err) {
      if (err instanceof AccountExistsError) return sendError(res, 409, 'AccountExists', 'An account of that name exists');
      throw err;
    }
  }));

  server.patch('/staff/api/accounts/:name', ...json, admin(async (req, res, actor) => {
    const body = parseBody(changeBody, req, res);
    if (!body) return;
    const target = String(req.params.name);
    if (await accounts.configured.find(target)) return sendError(res, 409, 'ConfiguredAccount', 'This account is set in the configuration; change it there');
    // No admin can lock themselves out by accident.
    if (target === actor.name && (body.disabled || (body.roles && !body.roles.includes('admin')))) {
      return sendError(res, 409, 'OwnAccount', 'You cannot disable your own account or drop your own admin role');
    }
    const { password: given, ...changes } = body;
    const changed = await accounts.stored.update(target, { ...changes, ...(given ? { passwordHash: await hashPassword(given) } : {}) }, actorLabel(actor));
    if (!changed) return sendError(res, 404, 'NotFound', 'No such account');
    res.json(view(changed));
  }));
}

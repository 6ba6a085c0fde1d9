import type { Server } from 'restify';
import { z } from 'zod';
import { addDays, localDate } from '../cases/dates';
import type { Logger } from '../log/logger';
import { describeZodError, queryOf, sendError } from '../server/http';
import type { StaffAuth } from '../staff/auth';
import { ROLES } from '../staff/roles';
import type { DashboardService } from './dashboardService';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-29');

/** GET /backoffice/dashboard?from=&to=&lang=: every chart's data, for every role (default: the last 7 days). */
export function registerDashboardRoute(server: Server, auth: StaffAuth, dashboard: DashboardService, now: () => Date, logger: Logger): void {
  server.get('/backoffice/dashboard', auth.guard(ROLES, async (req, res) => {
    const today = localDate(now());
    const query = z
      .object({ from: day.default(addDays(today, -6)), to: day.default(today), lang: z.enum(['zh-CN', 'en']).optional() })
      .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
      .refine((q) => q.to <= addDays(q.from, 366), { message: 'at most a year at a time', path: ['to'] })
      .safeParse(queryOf(req));
    if (!query.success) return sendError(res, 400, 'BadArgument', describeZodError(query.error));
    try {
      res.json(await dashboard.report({ from: query.data.from, to: query.data.to, language: query.data.lang }));
    } catch (err) {
      logger.error({ err }, 'dashboard not computed');
      sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
  }));
}

import type { Server } from 'restify';
import { z } from 'zod';
import { parseReference } from '../cases/reference';
import type { OutboxStatus } from '../db/schema';
import type { Logger } from '../log/logger';
import type { Outbox, OutboxRow } from '../notifications/outbox';
import { maskMobile } from '../pii/mask';
import { describeZodError, queryOf, sendError } from '../server/http';
import type { StaffAuth } from '../staff/auth';

const STATUSES = ['pending', 'retrying', 'sent', 'failed', 'skipped'] as const satisfies readonly OutboxStatus[];

const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  case: z
    .string()
    .transform((v, ctx) => parseReference(v) ?? (ctx.addIssue({ code: 'custom', message: 'not a valid reference number' }), z.NEVER))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What the back office sees of a notification: the recipient masked, the rest as the worker left it. */
export function outboxView(row: OutboxRow) {
  const due = row.status === 'pending' || row.status === 'retrying';
  return {
    id: row.id,
    caseReference: row.case_reference,
    kind: row.template,
    channel: row.channel,
    recipient: row.channel === 'sms' ? maskMobile(row.recipient) : maskEmail(row.recipient),
    language: row.language,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: due ? row.next_attempt_at.toISOString() : null,
    sentAt: row.sent_at?.toISOString() ?? null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
  };
}

/** "m***@example.com" */
function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

/** GET /backoffice/outbox: the notifications to merchants and what became of them (sent, retrying, failed, skipped). */
export function registerOutboxRoutes(server: Server, auth: StaffAuth, outbox: Outbox, logger: Logger): void {
  server.get(
    '/backoffice/outbox',
    auth.guard(['reviewer', 'admin'], async (req, res) => {
      const query = listQuery.safeParse(queryOf(req));
      if (!query.success) return sendError(res, 400, 'BadArgument', describeZodError(query.error));
      try {
        const rows = await outbox.list({ status: query.data.status, caseReference: query.data.case, limit: query.data.limit });
        res.json({ notifications: rows.map(outboxView) });
      } catch (err) {
        logger.error({ err }, 'outbox list failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    }),
  );
}

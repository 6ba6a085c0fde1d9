import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import type { AttachmentService } from '../attachments/attachmentService';
import { withDownloadLinks } from '../attachments/routes';
import { decisionClock } from '../cases/caseQuery';
import { CaseNotFoundError, InvalidCursorError, type CaseRecord, type CaseService } from '../cases/caseService';
import { localDate } from '../cases/dates';
import { allowedTransitions, InvalidTransitionError, STATUSES, type CaseStatus } from '../cases/lifecycle';
import { parseMobile } from '../cases/inputs';
import { parseReference } from '../cases/reference';
import type { HandoffService } from '../handoff/handoffService';
import type { Logger } from '../log/logger';
import { describeZodError, parseBody, queryOf, sendError } from '../server/http';
import type { SubjectData } from '../privacy/subjects';
import type { DatabaseAuditTrail } from '../staff/audit';
import type { Handler, StaffAuth } from '../staff/auth';
import { actorLabel, ROLES, type Role } from '../staff/roles';

export const REFUND_METHODS = ['original_card', 'bank_transfer', 'cash'] as const;

const approveBody = z.object({ amount: z.number().positive().max(1_000_000).multipleOf(0.01), method: z.enum(REFUND_METHODS) });
const rejectBody = z.object({ reason: z.string().trim().min(1).max(500) });
const noteBody = z.object({ text: z.string().trim().min(1).max(1000) });
const phoneBody = z.object({ note: z.string().trim().max(500).optional() });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const auditQuery = z.object({
  case: z.string().max(40).optional(),
  actor: z.string().max(80).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24');
const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  overdue: flag.optional(),
  refundUnconfirmed: flag.optional(),
  createdFrom: day.optional(),
  createdTo: day.optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * What the back office sees of a case: the card only as its last 4 digits, no conversation internals,
 * the steps it may take next and, while undecided, where it stands against the 2-5 business-day promise.
 */
function caseView(record: CaseRecord, today: string, holidays: ReadonlySet<string>) {
  const { cardSealed: _sealed, owner, ...rest } = record;
  return {
    ...rest,
    owner: { userId: owner.userId, channelId: owner.channelId },
    allowedTransitions: allowedTransitions(record.status),
    clock: decisionClock(record, today, holidays),
  };
}

export interface BackofficeOptions {
  json: RequestHandler[];
  /** Tells the user about a change of their case (proactive message). */
  notify(record: CaseRecord): Promise<void>;
  holidays: ReadonlySet<string>;
  now(): Date;
  /** The audit log, for GET /backoffice/audit. */
  audit: DatabaseAuditTrail;
  subjects: SubjectData;
  /** A case's supporting materials, listed with it. */
  attachments: AttachmentService;
}

/** The back-office REST API: staff sessions or bearer tokens (StaffAuth), every body validated, 409 on a step the life cycle does not allow. */
export function registerBackofficeRoutes(server: Server, auth: StaffAuth, cases: CaseService, handoffs: HandoffService, options: BackofficeOptions, logger: Logger): void {
  const guarded = (allowed: readonly Role[], handler: Handler, guard: { audited?: boolean } = {}) =>
    auth.guard(allowed, async (req, res, actor) => {
      try {
        await handler(req, res, actor);
      } catch (err) {
        if (err instanceof CaseNotFoundError) return sendError(res, 404, 'NotFound', 'No such case');
        if (err instanceof InvalidCursorError) return sendError(res, 400, 'BadArgument', err.message);
        if (err instanceof InvalidTransitionError) {
          res.status(409);
          return void res.json({ error: { code: 'InvalidTransition', message: err.message, allowed: allowedTransitions(err.from) } });
        }
        logger.error({ err, path: req.getPath() }, 'back-office request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    }, guard);
  const reviewer = (handler: Handler) => guarded(['reviewer'], handler);
  const today = () => localDate(options.now());
  const view = (record: CaseRecord) => caseView(record, today(), options.holidays);

  const referenceOf = (req: Request, res: Response): string | undefined => {
    const reference = parseReference(String(req.params.reference));
    if (!reference) sendError(res, 400, 'BadArgument', 'reference: not a valid reference number');
    return reference;
  };

  const move = (to: CaseStatus, schema?: z.ZodType<Record<string, unknown>>) =>
    reviewer(async (req, res, who) => {
      const reference = referenceOf(req, res);
      if (!reference) return;
      const data = schema ? parseBody(schema, req, res) : undefined;
      if (schema && !data) return;
      const record = await cases.transition(reference, to, actorLabel(who), data);
      logger.info({ reference, status: to, reviewer: who.name }, 'case changed');
      await options.notify(record).catch((err: unknown) => logger.warn({ err, reference }, 'could not tell the user'));
      res.json(view(record));
    });

  // Callback requests not yet ended, from the system of record (agents claim them in the console and end them once called).
  server.get('/backoffice/callbacks', guarded(['agent', 'reviewer'], async (req, res, who) => {
    const callbacks = await handoffs.waitingCallbacks();
    await auth.audit(req, res, actorLabel(who), callbacks.flatMap((c) => (c.caseReference ? [c.caseReference] : [])));
    res.json({ callbacks });
  }));
  // Personal-data rights: everything held about a mobile number, or its erasure (both audited per case).
  const subjectOf = (req: Request, res: Response): string | undefined => {
    const mobile = parseMobile(String(queryOf(req).mobile ?? ''));
    if (!mobile.ok) sendError(res, 400, 'BadArgument', 'mobile: not a mainland China mobile number');
    return mobile.ok ? mobile.value : undefined;
  };
  server.get('/backoffice/subjects', guarded(['admin'], async (req, res, who) => {
    const mobile = subjectOf(req, res);
    if (!mobile) return;
    const data = await options.subjects.export(mobile);
    await auth.audit(req, res, actorLabel(who), data.references);
    res.json(data);
  }));
  server.del(
    '/backoffice/subjects',
    guarded(
      ['admin'],
      async (req, res, who) => {
        const mobile = subjectOf(req, res);
        if (!mobile) return;
        const { references, conversations } = await options.subjects.erase(mobile, actorLabel(who));
        await auth.audit(req, res, actorLabel(who), references);
        res.json({ erased: references, conversations });
      },
      { audited: false },
    ),
  );
  // Who did what, to which case, when and from where (the append-only audit log).
  server.get('/backoffice/audit', guarded(['admin'], async (req, res) => {
    const query = auditQuery.safeParse(queryOf(req));
    if (!query.success) return sendError(res, 400, 'BadArgument', describeZodError(query.error));
    const { since, ...filter } = query.data;
    res.json({ entries: await options.audit.entries({ ...filter, ...(since ? { since: new Date(since) } : {}) }) });
  }));
  // Analytics for the dashboard: handoffs ended in the last `days` days (default 7).
  server.get('/backoffice/handoffs/stats', guarded(ROLES, async (req, res) => {
    const days = z.coerce.number().int().min(1).max(365).default(7).safeParse(queryOf(req).days);
    if (!days.success) return sendError(res, 400, 'BadArgument', describeZodError(days.error));
    res.json(await handoffs.stats(options.now().getTime() - days.data * 24 * 3600 * 1000));
  }));
  // Every read of cases' personal data is written to the audit log first, one row per case shown.
  server.get('/backoffice/cases', reviewer(async (req, res, who) => {
    const query = listQuery.safeParse(queryOf(req));
    if (!query.success) return sendError(res, 400, 'BadArgument', describeZodError(query.error));
    const { q, ...filters } = query.data;
    const { cases: found, nextCursor } = await cases.search({ ...filters, search: q });
    await auth.audit(req, res, actorLabel(who), found.map((c) => c.reference));
    res.json({ cases: found.map(view), ...(nextCursor ? { nextCursor } : {}) });
  }));
  server.get('/backoffice/cases/counts', reviewer(async (_req, res) => {
    res.json({ counts: await cases.countByStatus() });
  }));
  server.get('/backoffice/cases/:reference', reviewer(async (req, res, who) => {
    const reference = referenceOf(req, res);
    if (!reference) return;
    const record = await cases.get(reference);
    if (!record) return sendError(res, 404, 'NotFound', 'No such case');
    await auth.audit(req, res, actorLabel(who));
    res.json({ ...view(record), attachments: withDownloadLinks(await options.attachments.ofCase(reference)) });
  }));
  server.post('/backoffice/cases/:reference/review', ...options.json, move('under_review'));
  server.post('/backoffice/cases/:reference/approve', ...options.json, move('approved', approveBody));
  server.post('/backoffice/cases/:reference/reject', ...options.json, move('rejected', rejectBody));
  server.post('/backoffice/cases/:reference/paid', ...options.json, move('refund_paid'));
  server.post('/backoffice/cases/:reference/withdraw', ...options.json, move('withdrawn'));
  // What the merchant said on the phone, recorded by the reviewer who took the call (audited like every change).
  const byPhone = (apply: (reference: string, by: string, data: Record<string, unknown>) => Promise<CaseRecord>) =>
    reviewer(async (req, res, who) => {
      const reference = referenceOf(req, res);
      const body = reference && parseBody(phoneBody, req, res);
      if (!reference || !body) return;
      const record = await apply(reference, actorLabel(who), { via: 'phone', ...(body.note ? { note: body.note } : {}) });
      logger.info({ reference, status: record.status, reviewer: who.name }, 'case changed by phone');
      res.json(view(record));
    });
  server.post('/backoffice/cases/:reference/accepted', ...options.json, byPhone((reference, by, data) => cases.transition(reference, 'refund_agreed', by, { ...data, acceptedAt: options.now().toISOString() })));
  server.post(
    '/backoffice/cases/:reference/arrived',
    ...options.json,
    byPhone(async (reference, by, data) => {
      await cases.transition(reference, 'verified', by, data);
      return cases.transition(reference, 'closed', 'system');
    }),
  );
  server.post('/backoffice/cases/:reference/notes', ...options.json, reviewer(async (req, res, who) => {
    const reference = referenceOf(req, res);
    const body = reference && parseBody(noteBody, req, res);
    if (!reference || !body) return;
    res.json(view(await cases.addNote(reference, actorLabel(who), body.text)));
  }));
}

import type { Database } from '../db/database';
import type { Logger } from '../log/logger';

export interface AuditEntry {
  actor: string;
  /** "POST /backoffice/cases/:reference/approve" */
  action: string;
  /** Route parameters: the case reference, the handoff id, the account name. */
  target: Record<string, string>;
  status: number;
  address: string;
  /** Cases whose personal data the action showed (a list, an export): one row each, so each case's trail has it. */
  cases?: string[];
}

export interface AuditFilter {
  case?: string;
  actor?: string;
  since?: Date;
  limit: number;
}

export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  caseReference?: string;
  detail: unknown;
  address?: string;
}

/** Append-only record of what staff and machines did. */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

/** Rows of the database's append-only audit_log; a row that cannot be written goes to the log instead of vanishing. */
export class DatabaseAuditTrail implements AuditTrail {
  constructor(private readonly database: Database, private readonly logger: Logger) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      const db = await this.database.db();
      const { cases, ...rest } = entry;
      const row = (caseReference: string | null) => ({
        actor: rest.actor,
        action: rest.action,
        case_reference: caseReference,
        detail: JSON.stringify({ target: rest.target, status: rest.status }),
        address: rest.address,
      });
      const rows = cases?.length ? cases.map(row) : [row(entry.target.reference ?? null)];
      await db.insertInto('audit_log').values(rows).execute();
    } catch (err) {
      this.logger.error({ err, audit: entry }, 'audit entry not written to the database');
    }
  }

  /** The audit log, newest first: what a case went through, what someone did, since when. */
  async entries(filter: AuditFilter): Promise<AuditRecord[]> {
    const db = await this.database.db();
    let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.case) query = query.where('case_reference', '=', filter.case);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.since) query = query.where('at', '>=', filter.since);
    return (await query.execute()).map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      ...(r.case_reference ? { caseReference: r.case_reference } : {}),
      detail: r.detail,
      ...(r.address ? { address: r.address } : {}),
    }));
  }
}

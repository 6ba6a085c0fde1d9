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
      await db
        .insertInto('audit_log')
        .values({
          actor: entry.actor,
          action: entry.action,
          case_reference: entry.target.reference ?? null,
          detail: JSON.stringify({ target: entry.target, status: entry.status }),
          address: entry.address,
        })
        .execute();
    } catch (err) {
      this.logger.error({ err, audit: entry }, 'audit entry not written to the database');
    }
  }
}

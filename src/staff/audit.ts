import type { Logger } from '../log/logger';

export interface AuditEntry {
  actor: string;
  /** "POST /backoffice/cases/:reference/approve" */
  action: string;
  /** Route parameters: the case reference, the handoff id. */
  target: Record<string, string>;
  status: number;
  address: string;
}

/** Append-only record of what staff and machines did. */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

/** One structured log line per action, until the audit table of the database takes them. */
export class LoggedAuditTrail implements AuditTrail {
  constructor(private readonly logger: Logger) {}

  async record(entry: AuditEntry): Promise<void> {
    this.logger.info({ audit: entry }, 'staff action');
  }
}

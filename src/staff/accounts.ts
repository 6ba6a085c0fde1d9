import type { Database } from '../db/database';
import { isRole, type Role } from './roles';

export interface StaffAccount {
  name: string;
  roles: Role[];
  /** scrypt hash (see passwords.ts); never the password. */
  passwordHash: string;
  /** Configuration accounts are fixed; database accounts are managed by an admin in the app. */
  source: 'config' | 'database';
  disabled: boolean;
}

/** Where accounts come from; the staff app asks on every request, so a change applies at once. */
export interface AccountDirectory {
  /** An account that may sign in (not disabled). */
  find(name: string): Promise<StaffAccount | undefined>;
  list(): Promise<StaffAccount[]>;
}

/**
 * Accounts from configuration: STAFF_ACCOUNTS (name → roles and hash) and HANDOFF_AGENTS, which stay
 * agents; a name in both gets the agent role added.
 */
export class ConfiguredAccounts implements AccountDirectory {
  private readonly accounts = new Map<string, StaffAccount>();

  constructor(staff: Record<string, { roles: Role[]; hash: string }>, agents: Record<string, string>) {
    const account = (name: string, roles: Role[], passwordHash: string): StaffAccount => ({ name, roles, passwordHash, source: 'config', disabled: false });
    for (const [name, hash] of Object.entries(agents)) this.accounts.set(name, account(name, ['agent'], hash));
    for (const [name, { roles, hash }] of Object.entries(staff)) {
      const agent: Role[] = this.accounts.has(name) ? ['agent'] : [];
      this.accounts.set(name, account(name, [...new Set([...agent, ...roles])], hash));
    }
  }

  async find(name: string): Promise<StaffAccount | undefined> {
    return this.accounts.get(name);
  }

  async list(): Promise<StaffAccount[]> {
    return [...this.accounts.values()];
  }
}

export class AccountExistsError extends Error {
  constructor(name: string) {
    super(`an account named ${name} exists`);
    this.name = 'AccountExistsError';
  }
}

export interface AccountChanges {
  roles?: Role[];
  passwordHash?: string;
  disabled?: boolean;
}

/** Accounts an admin manages, in the staff_accounts table. */
export class DatabaseAccounts implements AccountDirectory {
  constructor(private readonly database: Database) {}

  async find(name: string): Promise<StaffAccount | undefined> {
    const db = await this.database.db();
    const row = await db.selectFrom('staff_accounts').selectAll().where('name', '=', name).where('disabled', '=', false).executeTakeFirst();
    return row && toAccount(row);
  }

  async list(): Promise<StaffAccount[]> {
    const db = await this.database.db();
    return (await db.selectFrom('staff_accounts').selectAll().orderBy('name').execute()).map(toAccount);
  }

  async create(name: string, roles: Role[], passwordHash: string, by: string): Promise<StaffAccount> {
    const db = await this.database.db();
    const row = await db
      .insertInto('staff_accounts')
      .values({ name, roles, password_hash: passwordHash, updated_by: by })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AccountExistsError(name);
    return toAccount(row);
  }

  /** Undefined when there is no such account. */
  async update(name: string, changes: AccountChanges, by: string): Promise<StaffAccount | undefined> {
    const db = await this.database.db();
    const row = await db
      .updateTable('staff_accounts')
      .set({
        ...(changes.roles ? { roles: changes.roles } : {}),
        ...(changes.passwordHash ? { password_hash: changes.passwordHash } : {}),
        ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        updated_at: new Date(),
        updated_by: by,
      })
      .where('name', '=', name)
      .returningAll()
      .executeTakeFirst();
    return row && toAccount(row);
  }
}

function toAccount(row: { name: string; roles: string[]; password_hash: string; disabled: boolean }): StaffAccount {
  return { name: row.name, roles: row.roles.filter(isRole), passwordHash: row.password_hash, source: 'database', disabled: row.disabled };
}

/** Configuration first (it is how the first admin gets in), then the database. */
export class StaffDirectory implements AccountDirectory {
  constructor(readonly configured: AccountDirectory, readonly stored: DatabaseAccounts) {}

  async find(name: string): Promise<StaffAccount | undefined> {
    return (await this.configured.find(name)) ?? this.stored.find(name);
  }

  async list(): Promise<StaffAccount[]> {
    const [configured, stored] = await Promise.all([this.configured.list(), this.stored.list()]);
    const names = new Set(configured.map((a) => a.name));
    return [...configured, ...stored.filter((a) => !names.has(a.name))].sort((a, b) => a.name.localeCompare(b.name));
  }
}

import type { Role } from './roles';

export interface StaffAccount {
  name: string;
  roles: Role[];
  /** scrypt hash (see passwords.ts); never the password. */
  passwordHash: string;
}

/** Where accounts come from; the staff app asks on every request, so a change applies at once. */
export interface AccountDirectory {
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
    for (const [name, hash] of Object.entries(agents)) this.accounts.set(name, { name, roles: ['agent'], passwordHash: hash });
    for (const [name, { roles, hash }] of Object.entries(staff)) {
      const agent = this.accounts.has(name) ? (['agent'] as Role[]) : [];
      this.accounts.set(name, { name, roles: [...new Set([...agent, ...roles])], passwordHash: hash });
    }
  }

  async find(name: string): Promise<StaffAccount | undefined> {
    return this.accounts.get(name);
  }

  async list(): Promise<StaffAccount[]> {
    return [...this.accounts.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

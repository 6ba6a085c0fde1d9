import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { verifyPassword } from '../agentConsole/passwords';
import { bearerToken, publicBase, sendError } from '../server/http';
import { lockedFor, recordFailure, tooMany, type FailureLimit } from '../server/rateLimit';
import type { AccountDirectory, StaffAccount } from './accounts';
import type { AuditTrail } from './audit';
import { actorLabel, mayAct, ROLES, type Actor, type Role } from './roles';

export const SESSION_COOKIE = 'staff_session';
const SESSION_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{43})(?:;|$)`);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where staff sessions are kept (where the live state lives: Redis or memory). */
export interface SessionStore {
  saveSession(token: string, name: string, ttlSeconds: number): Promise<void>;
  session(token: string): Promise<string | undefined>;
  dropSession(token: string): Promise<void>;
}

export interface MachineToken {
  token: string;
  /** Every role when the token was not narrowed. */
  roles?: Role[];
}

export interface StaffAuthOptions {
  accounts: AccountDirectory;
  sessions: SessionStore;
  /** name → token (BACKOFFICE_TOKENS) */
  tokens: Record<string, MachineToken>;
  sessionHours: number;
  /** PUBLIC_URL: the only origin allowed to change state with a session cookie; else the request's host. */
  publicUrl: string | undefined;
  failures: FailureLimit;
  audit: AuditTrail;
}

export type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;

/**
 * Who may call a staff API: a session cookie (HttpOnly, SameSite=Strict, Path=/) of a staff account,
 * or a back-office bearer token. A state change with a cookie must also come from our own origin
 * (Origin header), so neither another site nor a page it frames can act with a signed-in browser.
 */
export class StaffAuth {
  constructor(private readonly options: StaffAuthOptions) {}

  /** Checks a password; undefined when wrong (an unknown name costs as long as a wrong password). */
  async signIn(name: string, password: string): Promise<StaffAccount | undefined> {
    const account = await this.options.accounts.find(name);
    return (await verifyPassword(password, account?.passwordHash)) ? account : undefined;
  }

  async openSession(res: Response, name: string): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const seconds = this.options.sessionHours * 3600;
    await this.options.sessions.saveSession(token, name, seconds);
    res.header('Set-Cookie', this.cookie(token, seconds));
  }

  /** Ends the session of this request (if any) and clears the cookie; returns whose it was. */
  async closeSession(req: Request, res: Response): Promise<string | undefined> {
    const token = sessionToken(req);
    const name = token ? await this.options.sessions.session(token).catch(() => undefined) : undefined;
    if (token) await this.options.sessions.dropSession(token).catch(() => undefined);
    res.header('Set-Cookie', this.cookie('', 0));
    return name;
  }

  /** The signed-in account behind the cookie, with its current roles. */
  async sessionActor(req: Request): Promise<Actor | undefined> {
    const token = sessionToken(req);
    const name = token ? await this.options.sessions.session(token) : undefined;
    const account = name ? await this.options.accounts.find(name) : undefined;
    return account ? { name: account.name, roles: account.roles, via: 'session' } : undefined;
  }

  /** Same-origin check for state changes made with a cookie. */
  sameOrigin(req: Request): boolean {
    const origin = req.header('origin');
    return Boolean(origin) && origin === new URL(publicBase(req, this.options.publicUrl, false)).origin;
  }

  /** Writes the request to the audit trail; `cases` names the cases whose personal data it showed. */
  async audit(req: Request, res: Response, actor: string, cases?: string[]): Promise<void> {
    const target = Object.fromEntries(Object.entries(req.params ?? {}).map(([k, v]) => [k, String(v)]));
    const route = (req.getRoute?.()?.path as string | undefined) ?? req.getPath();
    await this.options.audit.record({ actor, action: `${req.method ?? ''} ${route}`, target, status: res.statusCode, address: this.options.failures.address(req), ...(cases ? { cases } : {}) });
  }

  /**
   * Wraps a handler for the given roles: 401 without valid credentials, 403 for another role's API or a
   * cookie-borne state change from another origin; every state change is written to the audit trail
   * (`audited: false` only for hints such as "typing").
   */
  guard(allowed: readonly Role[], handler: Handler, { audited = true } = {}) {
    return async (req: Request, res: Response): Promise<void> => {
      const actor = await this.actorOf(req, res);
      if (!actor) return;
      if (!mayAct(actor, allowed)) return sendError(res, 403, 'Forbidden', 'Your role may not use this');
      const changes = !SAFE_METHODS.has(req.method ?? 'GET');
      if (changes && actor.via === 'session' && !this.sameOrigin(req)) return sendError(res, 403, 'Forbidden', 'Cross-origin request refused');
      await handler(req, res, actor);
      if (changes && audited) await this.audit(req, res, actorLabel(actor));
    };
  }

  /** Resolves the caller or answers 401/429/503 itself. */
  private async actorOf(req: Request, res: Response): Promise<Actor | undefined> {
    const token = bearerToken(req);
    if (token) {
      const from = [`backoffice:${this.options.failures.address(req)}`];
      const wait = await lockedFor(this.options.failures, from);
      if (wait) return void tooMany(res, wait, `Too many failed attempts; try again in ${wait} s`);
      const machine = this.machine(token);
      if (!machine) {
        await recordFailure(this.options.failures, from);
        return void sendError(res, 401, 'Unauthorized', 'Unknown bearer token');
      }
      return machine;
    }
    try {
      const actor = await this.sessionActor(req);
      if (!actor) sendError(res, 401, 'Unauthorized', 'Please sign in');
      return actor;
    } catch {
      return void sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
  }

  private machine(token: string): Actor | undefined {
    const given = Buffer.from(token);
    const found = Object.entries(this.options.tokens).find(([, { token: expected }]) => {
      const wanted = Buffer.from(expected);
      return wanted.length === given.length && timingSafeEqual(wanted, given);
    });
    return found && { name: found[0], roles: found[1].roles ?? [...ROLES], via: 'token' };
  }

  private cookie(value: string, maxAge: number): string {
    const secure = this.options.publicUrl?.startsWith('https:') ? '; Secure' : '';
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
  }
}

function sessionToken(req: Request): string | undefined {
  return SESSION_PATTERN.exec(req.header('cookie') ?? '')?.[1];
}

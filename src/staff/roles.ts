/** Staff roles. A role opens its own pages and APIs only; an account may hold several. */
export const ROLES = ['agent', 'reviewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** "reviewer+editor" → ['reviewer', 'editor']; undefined when any part is not a role. */
export function parseRoles(text: string): Role[] | undefined {
  const parts = text.split('+').map((part) => part.trim());
  return parts.length && parts.every(isRole) ? [...new Set(parts as Role[])] : undefined;
}

/** Who is acting: a person signed in to the staff app, or a machine with a back-office token. */
export interface Actor {
  name: string;
  roles: readonly Role[];
  via: 'session' | 'token';
}

export const mayAct = (actor: Actor, allowed: readonly Role[]): boolean => allowed.some((role) => actor.roles.includes(role));

/** How an actor is named in event and audit logs: "backoffice:ops" for a token, "staff:carol" for a person. */
export const actorLabel = (actor: Actor): string => `${actor.via === 'token' ? 'backoffice' : 'staff'}:${actor.name}`;

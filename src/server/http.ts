import type { Request, Response } from 'restify';
import type { ZodError, ZodType } from 'zod';

/** Every error response has this shape (the one Azure's Direct Line uses): never a stack trace. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.status(status);
  res.json({ error: { code, message } });
}

/** "type: Invalid option ...; text: ..." for a 400 that names the offending fields. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}

export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** The parsed JSON body, `{}` for an empty body; undefined when the body is not JSON at all. */
export function jsonBody(req: Request): unknown {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body === 'object' && !Buffer.isBuffer(body)) return body;
  return undefined;
}

/** The JSON body checked against `schema`; otherwise a 400 that names the offending fields, and undefined. */
export function parseBody<T>(schema: ZodType<T>, req: Request, res: Response): T | undefined {
  const parsed = schema.safeParse(jsonBody(req));
  if (!parsed.success) sendError(res, 400, 'BadArgument', describeZodError(parsed.error));
  return parsed.success ? parsed.data : undefined;
}

/** The query string as a plain object (restify leaves it unparsed without its queryParser plugin). */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.getQuery()));
}

/**
 * The caller's address behind `trustedHops` proxies (TRUST_PROXY): each appends the address it was
 * called from to X-Forwarded-For, so the n-th entry from the right is the last one a trusted proxy
 * wrote. Entries further left are whatever the client sent, and are never believed.
 */
export function clientAddress(req: Request, trustedHops: number): string {
  const hops = (req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  const forwarded = trustedHops > 0 ? hops.at(-Math.min(trustedHops, hops.length)) : undefined;
  return forwarded || req.socket.remoteAddress || 'unknown';
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** The server's public base URL as the client sees it, for absolute URLs (the WebSocket stream). */
export function publicBase(req: Request, publicUrl: string | undefined, websocket: boolean): string {
  const base = publicUrl ?? `${isTls(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
  return websocket ? base.replace(/^http/, 'ws') : base;
}

function isTls(req: Request): boolean {
  const forwarded = req.header('x-forwarded-proto');
  return forwarded ? forwarded.split(',')[0].trim() === 'https' : req.isSecure();
}

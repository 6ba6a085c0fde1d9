import { BlockList, isIPv4 } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log/logger';
import { bearerToken, sendError } from '../server/http';
import type { Metrics } from './metrics';

export interface MetricsAccess {
  /** METRICS_TOKEN: a scraper presenting it as a bearer token is let in from anywhere. */
  token?: string;
  /** METRICS_ALLOW: addresses and CIDR ranges let in without a token. */
  allow: string[];
  address(req: Request): string;
}

/** Addresses and ranges ("10.0.0.0/8", "::1") as a BlockList, which matches IPv4 and IPv6 alike. */
export function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits) list.addSubnet(address, Number(bits), type);
    else list.addAddress(address, type);
  }
  return list;
}

const unmapped = (address: string) => (address.startsWith('::ffff:') ? address.slice(7) : address);

/** GET /metrics in Prometheus's text format, for an allowed address or the configured token only. */
export function registerMetricsRoute(server: Server, metrics: Metrics, access: MetricsAccess, logger: Logger): void {
  const allowed = allowList(access.allow);
  const hasToken = (req: Request) => {
    const given = bearerToken(req);
    if (!access.token || !given) return false;
    const [a, b] = [Buffer.from(given), Buffer.from(access.token)];
    return a.length === b.length && timingSafeEqual(a, b);
  };

  server.get('/metrics', async (req: Request, res: Response) => {
    const address = unmapped(access.address(req));
    if (!hasToken(req) && !allowed.check(address, isIPv4(address) ? 'ipv4' : 'ipv6')) return sendError(res, 403, 'Forbidden', 'Not allowed to read metrics');
    try {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (err) {
      logger.error({ err }, 'metrics not collected');
      sendError(res, 503, 'ServiceUnavailable', 'Metrics unavailable, please try again');
    }
  });
}

import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { normalizeLocale } from '../i18n/language';
import { describeZodError, jsonBody, sendError } from '../server/http';
import type { DirectLineService } from './directline/service';
import type { VisitorIds } from './visitorIds';

export interface WidgetSettings {
  /** Web Chat's bundle, at its content-hashed path. */
  webChatPath: string;
  primaryColor: string;
  defaultLocale: string;
  /** The widget's and the demo page's wording per language, from locales/<lang>/widget.json. */
  strings: Record<string, unknown>;
}

const tokenBody = z.object({ locale: z.string().max(35).optional(), visitor: z.string().max(200).optional() }).loose();

/**
 * The web widget's back end. The page asks here for a conversation-scoped Direct Line token, so the
 * Direct Line secret stays on the server.
 */
export function registerWidgetRoutes(
  server: Server,
  service: DirectLineService,
  visitors: VisitorIds,
  settings: WidgetSettings,
  json: RequestHandler[],
  perAddress: RequestHandler,
): void {
  server.get('/api/widget/config', async (_req: Request, res: Response) => {
    res.header('Cache-Control', 'no-cache');
    res.json(settings);
  });

  server.post('/api/widget/token', perAddress, ...json, async (req: Request, res: Response) => {
    const body = tokenBody.safeParse(jsonBody(req) ?? {});
    if (!body.success) return sendError(res, 400, 'BadArgument', describeZodError(body.error));
    let conversation;
    try {
      // A returning visitor keeps their user id (their cases and unfinished application); a token that does not verify starts afresh.
      const returning = body.data.visitor ? visitors.verify(body.data.visitor) : undefined;
      conversation = await service.createConversation(returning, normalizeLocale(body.data.locale));
    } catch {
      // The conversation store (Redis) is unreachable: the widget shows its "try again later".
      return sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
    res.header('Cache-Control', 'no-store');
    res.json({ ...service.issueToken(conversation), userId: conversation.userId, visitor: visitors.sign(conversation.userId) });
  });
}

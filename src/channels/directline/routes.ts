import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import { AttachmentQuotaError, type AttachmentService } from '../../attachments/attachmentService';
import { sendAttachment } from '../../attachments/download';
import { ATTACHMENTS_PATH, type AttachmentLinks } from '../../attachments/links';
import type { Logger } from '../../log/logger';
import { bearerToken, describeZodError, jsonBody, publicBase, queryOf, sendError } from '../../server/http';
import { postedActivitySchema, type PostedActivity } from './inbound';
import type { DirectLineService } from './service';
import type { ConversationRecord } from './store';
import { readUpload, UploadError } from './upload';

const PAGE_SIZE = 100;

const userSchema = z.object({ id: z.string().regex(/^[\w.:@-]{1,64}$/, 'letters, digits and ._:@- only, at most 64').optional(), name: z.string().max(100).optional() });
const generateBody = z.object({ user: userSchema.optional() }).loose();
const startBody = z.object({ user: userSchema.optional(), locale: z.string().max(35).optional() }).loose();
const watermarkQuery = z.object({
  watermark: z
    .string()
    .optional()
    .transform((w, ctx) => {
      if (w === undefined || w === '') return undefined;
      if (!/^\d{1,9}$/.test(w)) {
        ctx.addIssue({ code: 'custom', message: 'must be a number returned by the server' });
        return z.NEVER;
      }
      return Number(w);
    }),
});

type Caller = { kind: 'secret' } | { kind: 'token'; conversationId: string; userId: string };

export interface DirectLineRouteOptions {
  publicUrl?: string;
  uploadLimitBytes: number;
  /** Where uploaded files are kept; the activity log holds only links to them. */
  attachments: AttachmentService;
  /** Signed links to them: what a click in the widget (no bearer token) opens. */
  links: AttachmentLinks;
  /** Body reading and JSON parsing with the server's size cap. */
  json: RequestHandler[];
  /** Limits tokens and new conversations per caller address (a route step). */
  perAddress: RequestHandler;
  /**
   * Limits what a conversation posts, counted once the caller is known; false = answered 429. Typing
   * indicators have a budget of their own: Web Chat sends one before each typed message, and they
   * must not use up the merchant's messages.
   */
  perConversation(conversationId: string, kind: PostedActivity['type'], res: Response): Promise<boolean>;
}

/** Direct Line 3.0 REST endpoints, the subset botframework-webchat and botframework-directlinejs use. */
export function registerDirectLineRoutes(server: Server, service: DirectLineService, options: DirectLineRouteOptions, logger: Logger): void {
  const caller = (req: Request): Caller | undefined => {
    const bearer = bearerToken(req);
    if (!bearer) return undefined;
    if (service.tokens.isSecret(bearer)) return { kind: 'secret' };
    const claims = service.tokens.verify(bearer, 'conversation');
    return claims && { kind: 'token', conversationId: claims.conversationId, userId: claims.userId };
  };

  /** A store that cannot be reached (Redis down or frozen) is a 503 the client may retry, not a crash. */
  const guard =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await handler(req, res);
      } catch (err) {
        logger.error({ err, reqId: req.id(), path: req.getPath() }, 'direct line request failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    };

  /** Authenticates the request; answers 401/403 itself and returns undefined when it may not proceed. */
  const authorize = (req: Request, res: Response): Caller | undefined => {
    if (!bearerToken(req)) {
      sendError(res, 401, 'BadArgument', 'Authorization: Bearer <secret or token> is required');
      return undefined;
    }
    const who = caller(req);
    if (!who) sendError(res, 403, 'TokenExpired', 'The token is invalid or has expired');
    return who;
  };

  /** The conversation in the path, if this caller may use it. */
  const conversationFor = async (req: Request, res: Response): Promise<ConversationRecord | undefined> => {
    const who = authorize(req, res);
    if (!who) return undefined;
    const id = String(req.params.conversationId);
    if (who.kind === 'token' && who.conversationId !== id) {
      sendError(res, 403, 'BadArgument', 'This token is not valid for this conversation');
      return undefined;
    }
    const conversation = await service.conversation(id);
    if (!conversation) sendError(res, 404, 'BadArgument', 'Conversation not found');
    return conversation;
  };

  const parse = <T>(schema: z.ZodType<T>, value: unknown, res: Response): T | undefined => {
    if (value === undefined) {
      sendError(res, 400, 'BadArgument', 'The body must be JSON (Content-Type: application/json)');
      return undefined;
    }
    const result = schema.safeParse(value);
    if (!result.success) sendError(res, 400, 'BadArgument', describeZodError(result.error));
    return result.success ? result.data : undefined;
  };

  const conversationResponse = (req: Request, conversation: ConversationRecord, watermark?: number) => ({
    ...service.issueToken(conversation),
    streamUrl: service.streamUrl(publicBase(req, options.publicUrl, true), conversation, watermark),
  });

  server.post('/v3/directline/tokens/generate', options.perAddress, ...options.json, guard(async (req: Request, res: Response) => {
    const who = authorize(req, res);
    if (!who) return;
    if (who.kind !== 'secret') return sendError(res, 403, 'BadArgument', 'tokens/generate needs the Direct Line secret');
    const body = parse(generateBody, jsonBody(req), res);
    if (!body) return;
    const conversation = await service.createConversation(body.user?.id);
    res.json(service.issueToken(conversation));
  }));

  server.post('/v3/directline/tokens/refresh', options.perAddress, guard(async (req: Request, res: Response) => {
    const who = authorize(req, res);
    if (!who) return;
    if (who.kind !== 'token') return sendError(res, 403, 'BadArgument', 'tokens/refresh needs a token');
    const conversation = await service.conversation(who.conversationId);
    if (!conversation) return sendError(res, 404, 'BadArgument', 'Conversation not found');
    res.json(service.issueToken(conversation));
  }));

  server.post('/v3/directline/conversations', options.perAddress, ...options.json, guard(async (req: Request, res: Response) => {
    const who = authorize(req, res);
    if (!who) return;
    const body = parse(startBody, jsonBody(req), res);
    if (!body) return;
    const conversation =
      who.kind === 'secret'
        ? await service.createConversation(body.user?.id, body.locale)
        : await service.conversation(who.conversationId);
    if (!conversation) return sendError(res, 404, 'BadArgument', 'Conversation not found');
    await service.start(conversation, body.locale);
    res.status(201);
    res.json(conversationResponse(req, conversation));
  }));

  server.get('/v3/directline/conversations/:conversationId', guard(async (req: Request, res: Response) => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    const query = parse(watermarkQuery, queryOf(req), res);
    if (!query) return;
    res.json(conversationResponse(req, conversation, query.watermark));
  }));

  server.get('/v3/directline/conversations/:conversationId/activities', guard(async (req: Request, res: Response) => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    const query = parse(watermarkQuery, queryOf(req), res);
    if (!query) return;
    const page = await service.activities(conversation.id, query.watermark, PAGE_SIZE);
    res.json({ activities: page.activities, watermark: String(page.watermark) });
  }));

  const accept = async (req: Request, res: Response, conversation: ConversationRecord, posted: PostedActivity) => {
    const id = await service.post(conversation, posted, publicBase(req, options.publicUrl, false));
    res.json({ id });
  };

  server.post('/v3/directline/conversations/:conversationId/activities', ...options.json, guard(async (req: Request, res: Response) => {
    const conversation = await conversationFor(req, res);
    if (!conversation) return;
    const posted = parse(postedActivitySchema, jsonBody(req), res);
    if (!posted || !(await options.perConversation(conversation.id, posted.type, res))) return;
    await accept(req, res, conversation, posted);
  }));

  server.post('/v3/directline/conversations/:conversationId/upload', guard(async (req: Request, res: Response) => {
    const conversation = await conversationFor(req, res);
    if (!conversation || !(await options.perConversation(conversation.id, 'message', res))) return;
    try {
      const upload = await readUpload(req, options.uploadLimitBytes);
      const ids = await options.attachments.save(conversation.id, conversation.userId, upload.files);
      const base = publicBase(req, options.publicUrl, false);
      const attachments = upload.files.map((f, i) => ({ contentType: f.contentType, name: f.name, contentUrl: `${base}${ATTACHMENTS_PATH}/${ids[i]}` }));
      await accept(req, res, conversation, { ...upload.activity, attachments });
    } catch (err) {
      if (!(err instanceof UploadError || err instanceof AttachmentQuotaError)) throw err;
      logger.info({ conversationId: conversation.id, reason: err.message }, 'upload refused');
      if (err instanceof UploadError) return sendError(res, err.status, 'BadArgument', err.message);
      sendError(res, 413, 'QuotaExceeded', err.message);
    }
  }));

  // Only the conversation the file was sent in may read it: with its token, or with a link signed for it
  // (what its log shows). The back office has its own route.
  server.get(`${ATTACHMENTS_PATH}/:attachmentId`, guard(async (req: Request, res: Response) => {
    const query = queryOf(req);
    const signed = query.s !== undefined;
    const who = signed ? undefined : authorize(req, res);
    if (!signed && !who) return;
    const file = await options.attachments.find(String(req.params.attachmentId));
    if (!file) return sendError(res, 404, 'NotFound', 'Attachment not found');
    if (signed && !options.links.valid(file.id, file.conversationId, query)) return sendError(res, 403, 'TokenExpired', 'This link is invalid or has expired');
    if (who && (who.kind !== 'token' || who.conversationId !== file.conversationId)) return sendError(res, 403, 'BadArgument', 'This token is not valid for this attachment');
    sendAttachment(res, file);
  }));
}

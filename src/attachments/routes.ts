import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log/logger';
import { queryOf, sendError } from '../server/http';
import type { StaffAuth } from '../staff/auth';
import { parseReference } from '../cases/reference';
import type { AttachmentInfo, AttachmentService } from './attachmentService';
import { sendAttachment } from './download';

const BACKOFFICE_PATH = '/backoffice/attachments';

/** Files as the back office lists them: each with the address staff download it from. */
export function withDownloadLinks(files: AttachmentInfo[]): (AttachmentInfo & { url: string })[] {
  return files.map((file) => ({ ...file, url: `${BACKOFFICE_PATH}/${file.id}` }));
}

/**
 * GET /backoffice/attachments?case=<reference>: a case's supporting materials; GET
 * /backoffice/attachments/:id: a merchant's uploaded file, for the staff who handle their chats and cases.
 */
export function registerAttachmentRoutes(server: Server, auth: StaffAuth, attachments: AttachmentService, logger: Logger): void {
  const guarded = (handler: (req: Request, res: Response) => Promise<void>) =>
    auth.guard(['agent', 'reviewer', 'admin'], async (req, res) => {
      try {
        await handler(req, res);
      } catch (err) {
        logger.error({ err, reqId: req.id() }, 'attachment read failed');
        sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
      }
    });
  server.get(BACKOFFICE_PATH, guarded(async (req, res) => {
    const reference = parseReference(queryOf(req).case ?? '');
    if (!reference) return sendError(res, 400, 'BadArgument', 'case=<reference> is required');
    res.json({ case: reference, attachments: withDownloadLinks(await attachments.ofCase(reference)) });
  }));
  server.get(`${BACKOFFICE_PATH}/:attachmentId`, guarded(async (req, res) => {
    const file = await attachments.find(String(req.params.attachmentId));
    if (!file) return sendError(res, 404, 'NotFound', 'Attachment not found');
    sendAttachment(res, file);
  }));
}

import type { Server } from 'restify';
import type { Logger } from '../log/logger';
import { sendError } from '../server/http';
import type { StaffAuth } from '../staff/auth';
import type { AttachmentService } from './attachmentService';
import { sendAttachment } from './download';

/** GET /backoffice/attachments/:id: a merchant's uploaded file, for the staff who handle their chats and cases. */
export function registerAttachmentRoutes(server: Server, auth: StaffAuth, attachments: AttachmentService, logger: Logger): void {
  server.get('/backoffice/attachments/:attachmentId', auth.guard(['agent', 'reviewer', 'admin'], async (req, res) => {
    try {
      const file = await attachments.find(String(req.params.attachmentId));
      if (!file) return sendError(res, 404, 'NotFound', 'Attachment not found');
      sendAttachment(res, file);
    } catch (err) {
      logger.error({ err, reqId: req.id() }, 'attachment read failed');
      sendError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please try again');
    }
  }));
}

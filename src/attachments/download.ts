import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'restify';
import type { StoredAttachment } from './attachmentService';

/** Sends a stored file as a download (never rendered in our origin), its UTF-8 name as RFC 5987 filename*. */
export function sendAttachment(res: Response, file: StoredAttachment): void {
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.data.length,
    'Content-Disposition': contentDisposition(file.name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
  res.end(file.data);
}

import busboy from 'busboy';
import type { Request } from 'restify';
import { describeZodError } from '../../server/http';
import type { NewAttachment } from '../../attachments/attachmentService';
import { postedActivitySchema, type PostedActivity } from './inbound';

export class UploadError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const MAX_FILES = 10;

export interface Upload {
  /** The message the files come with (its own attachments dropped: the files are the attachments). */
  activity: PostedActivity;
  files: NewAttachment[];
}

/**
 * Reads a Direct Line `upload` request: multipart with an optional `activity` part
 * (application/vnd.microsoft.activity) and one part per file.
 */
export function readUpload(req: Request, limitBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // File names as the browser sent them (UTF-8), not read as Latin-1. busboy calls a file that reaches
      // fileSize truncated, so the limit it watches is one byte above ours.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: limitBytes + 1, files: MAX_FILES + 1, fields: 5 } });
    } catch {
      return reject(new UploadError(400, 'The body must be multipart/form-data'));
    }
    let activityJson: string | undefined;
    const files: NewAttachment[] = [];
    let total = 0;
    let failure: UploadError | undefined;

    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // The activity part is not a file: only files count toward the limit.
        if (field !== 'activity') total += chunk.length;
        if (total > limitBytes) failure ??= new UploadError(413, `Uploads are limited to ${limitBytes} bytes`);
        if (!failure) chunks.push(chunk);
      });
      stream.on('limit', () => (failure ??= new UploadError(413, `Uploads are limited to ${limitBytes} bytes`)));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        if (field === 'activity') activityJson = data.toString('utf8');
        else files.push({ name: info.filename || 'file', contentType: info.mimeType || 'application/octet-stream', data });
      });
    });
    parser.on('field', (field, value) => {
      if (field === 'activity') activityJson = value;
    });
    parser.on('filesLimit', () => (failure ??= new UploadError(400, `At most ${MAX_FILES} files per upload`)));
    parser.on('error', () => reject(failure ?? new UploadError(400, 'The multipart body could not be read')));
    parser.on('close', () => {
      if (failure) return reject(failure);
      if (files.length === 0) return reject(new UploadError(400, 'The upload has no file'));
      let template: unknown = { type: 'message' };
      if (activityJson !== undefined) {
        try {
          template = JSON.parse(activityJson);
        } catch {
          return reject(new UploadError(400, 'The activity part is not valid JSON'));
        }
      }
      const parsed = postedActivitySchema.safeParse({ type: 'message', ...(template as object), attachments: undefined });
      if (!parsed.success) return reject(new UploadError(400, describeZodError(parsed.error)));
      resolve({ activity: parsed.data, files });
    });
    req.pipe(parser);
  });
}

import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Tables } from '../db/schema';
import { maskCardNumbers } from '../pii/cardNumbers';

export interface AttachmentLimits {
  /** Files one conversation may keep. */
  filesPerConversation: number;
  /** Bytes one conversation may keep. */
  bytesPerConversation: number;
  /** Bytes all conversations together may keep. */
  totalBytes: number;
}

export interface NewAttachment {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface StoredAttachment {
  id: string;
  conversationId: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** Why an upload was refused: the conversation's quota or the total cap. */
export class AttachmentQuotaError extends Error {
  constructor(readonly limit: 'conversation' | 'total', message: string) {
    super(message);
  }
}

/** An uploaded file without its bytes. */
export interface AttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

/**
 * Uploaded files, in the database: saved within quotas, read back by id. Files a merchant sends while
 * applying, or right after (while their case is still `submitted`), are the case's supporting materials
 * and are kept with it; the others go when the conversation would (`expireUnattached`).
 */
export class AttachmentService {
  constructor(
    private readonly database: Database,
    private readonly limits: AttachmentLimits,
    /** The case this user just submitted in this conversation (still `submitted`), if any. */
    private readonly submittedCaseOf: (conversationId: string, userId: string) => Promise<string | undefined>,
  ) {}

  /** Saves the files of one upload (all or none); their ids, in order. File names keep card numbers masked. */
  async save(conversationId: string, userId: string, files: NewAttachment[]): Promise<string[]> {
    const db = await this.database.db();
    const submitted = await this.submittedCaseOf(conversationId, userId);
    const bytes = files.reduce((sum, f) => sum + f.data.length, 0);
    return db.transaction().execute(async (trx) => {
      // Uploads are rare: one lock for all keeps the quota checks and the insert from racing.
      await sql`SELECT pg_advisory_xact_lock(hashtext('attachments'))`.execute(trx);
      const usage = (where?: string) =>
        trx
          .selectFrom('attachments')
          .select((eb) => [eb.fn.countAll<string>().as('files'), eb.fn.coalesce(eb.fn.sum<string>('size'), sql<string>`0`).as('bytes')])
          .$if(where !== undefined, (q) => q.where('conversation_id', '=', where!))
          .executeTakeFirstOrThrow();
      const mine = await usage(conversationId);
      const { filesPerConversation, bytesPerConversation, totalBytes } = this.limits;
      if (Number(mine.files) + files.length > filesPerConversation || Number(mine.bytes) + bytes > bytesPerConversation) {
        throw new AttachmentQuotaError('conversation', `This conversation may keep at most ${filesPerConversation} files and ${bytesPerConversation} bytes`);
      }
      if (Number((await usage()).bytes) + bytes > totalBytes) throw new AttachmentQuotaError('total', 'The storage for uploads is full; please try again later');
      const rows = files.map((f) => ({
        id: randomBytes(16).toString('base64url'),
        conversation_id: conversationId,
        user_id: userId,
        name: maskCardNumbers(f.name),
        content_type: f.contentType,
        size: f.data.length,
        bytes: f.data,
        case_reference: submitted ?? null,
      }));
      await trx.insertInto('attachments').values(rows).execute();
      return rows.map((r) => r.id);
    });
  }

  /** In the submission's transaction: what the user uploaded in the conversation while applying becomes the case's. */
  async attachToCase(trx: Transaction<Tables>, conversationId: string, userId: string, reference: string): Promise<void> {
    await trx
      .updateTable('attachments')
      .set({ case_reference: reference })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .where('case_reference', 'is', null)
      .execute();
  }

  /** A case's supporting materials, oldest first. */
  ofCase(reference: string): Promise<AttachmentInfo[]> {
    return this.listed('case_reference', reference);
  }

  /** Deletes uploads that belong to no case once their conversation would have expired; how many went. */
  async expireUnattached(uploadedBefore: Date): Promise<number> {
    const db = await this.database.db();
    const result = await db.deleteFrom('attachments').where('case_reference', 'is', null).where('created_at', '<', uploadedBefore).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** What was uploaded in a conversation, without the bytes (a data subject's export names the files). */
  inConversation(conversationId: string): Promise<AttachmentInfo[]> {
    return this.listed('conversation_id', conversationId);
  }

  /** Deletes what was uploaded in a conversation (a data subject's erasure). */
  async forgetConversation(conversationId: string): Promise<void> {
    const db = await this.database.db();
    await db.deleteFrom('attachments').where('conversation_id', '=', conversationId).execute();
  }

  async find(id: string): Promise<StoredAttachment | undefined> {
    const db = await this.database.db();
    const row = await db.selectFrom('attachments').select(['id', 'conversation_id', 'name', 'content_type', 'bytes']).where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, conversationId: row.conversation_id, name: row.name, contentType: row.content_type, data: Buffer.from(row.bytes) };
  }

  private async listed(column: 'case_reference' | 'conversation_id', value: string): Promise<AttachmentInfo[]> {
    const db = await this.database.db();
    const rows = await db.selectFrom('attachments').select(['id', 'name', 'content_type', 'size', 'created_at']).where(column, '=', value).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, name: row.name, contentType: row.content_type, size: row.size, uploadedAt: row.created_at.toISOString() }));
  }
}

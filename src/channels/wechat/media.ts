import type { Activity } from 'botbuilder';
import { AttachmentQuotaError, type NewAttachment } from '../../attachments/attachmentService';
import type { Logger } from '../../log/logger';
import { MediaTooLarge, WeChatApiError, type WeChatApiClient } from './apiClient';

/** A picture or file a user sent, by WeChat's media id. */
export interface MediaRef {
  mediaId: string;
  kind: 'image' | 'file';
}

/** Where uploaded files are kept (the attachment service), and the link a stored file is read at. */
export interface AttachmentKeeper {
  save(conversationId: string, userId: string, files: NewAttachment[]): Promise<string[]>;
  linkFor(id: string): string;
}

/**
 * Takes in what a user sent as files: downloaded through WeChat's media API and kept with the
 * attachment service, the message then carries links to them as a widget upload does. A file WeChat
 * no longer serves, one over the upload limit or beyond the conversation's quota is left out (logged).
 */
export class MediaIntake {
  constructor(
    private readonly client: WeChatApiClient,
    private readonly keeper: AttachmentKeeper,
    private readonly limitBytes: number,
    private readonly logger: Logger,
  ) {}

  async attach(activity: Partial<Activity>, media: MediaRef[]): Promise<void> {
    const conversationId = activity.conversation!.id;
    const files: NewAttachment[] = [];
    for (const ref of media) {
      try {
        const { data, contentType, name } = await this.client.download(ref.mediaId, this.limitBytes);
        files.push({ data, contentType, name: name ?? (ref.kind === 'image' ? 'image.jpg' : 'file') });
      } catch (err) {
        if (!(err instanceof WeChatApiError || err instanceof MediaTooLarge)) throw err;
        this.logger.info({ conversationId, reason: err.message }, 'WeChat media not taken in');
      }
    }
    if (!files.length) return;
    try {
      const ids = await this.keeper.save(conversationId, activity.from!.id, files);
      activity.attachments = files.map((file, i) => ({ contentType: file.contentType, name: file.name, contentUrl: this.keeper.linkFor(ids[i]) }));
    } catch (err) {
      if (!(err instanceof AttachmentQuotaError)) throw err;
      this.logger.info({ conversationId, reason: err.message }, 'WeChat media not kept');
    }
  }
}

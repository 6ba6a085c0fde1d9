import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { InProcessAdapter } from '../inProcessAdapter';
import { forTheLog } from './logged';
import type { DirectLineStore } from './store';

/** Marks conversation references that belong to the embedded Direct Line (never dialled over HTTP). */
export const EMBEDDED_SERVICE_URL = 'https://embedded.directline.invalid/';
export const EMBEDDED_CHANNEL_ID = 'directline';

/**
 * Runs bot turns in-process for the embedded Direct Line (the caller has authenticated the request
 * with a Direct Line token): every send, replies and proactive messages alike, is appended to the
 * conversation's activity log.
 */
export class EmbeddedDirectLineAdapter extends InProcessAdapter {
  constructor(private readonly store: DirectLineStore) {
    super('The embedded Direct Line');
  }

  protected async deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
      // Everything this adapter sends comes from the bot, proactive messages included.
      const stored = await this.store.append(conversationId, forTheLog({ ...activity, from: { id: activity.from?.id ?? '', name: activity.from?.name ?? '', role: 'bot' }, serviceUrl: undefined }));
      responses.push({ id: stored.id ?? '' });
    }
    return responses;
  }
}

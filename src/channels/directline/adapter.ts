import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { CachingBotFrameworkAuthentication } from '../cachingAuthentication';
import { forTheLog } from './logged';
import type { DirectLineStore } from './store';

/** Marks conversation references that belong to the embedded Direct Line (never dialled over HTTP). */
export const EMBEDDED_SERVICE_URL = 'https://embedded.directline.invalid/';
export const EMBEDDED_CHANNEL_ID = 'directline';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * Runs bot turns in-process for the embedded Direct Line. The caller has already authenticated the
 * request with a Direct Line token, so Bot Framework JWT checks are off for this adapter only; every
 * send (replies and proactive messages alike) is appended to the conversation's activity log.
 */
export class EmbeddedDirectLineAdapter extends CloudAdapter {
  constructor(private readonly store: DirectLineStore) {
    super(new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({})));
  }

  /** Runs one inbound activity (already in the log) through the bot. */
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    await this.processActivityDirect('', activity as Activity, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        context.turnState.set(INVOKE_RESPONSE_KEY, activity);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace) {
        // Traces are for the Emulator and for analytics middleware, not for the user's transcript.
        responses.push({ id: '' });
      } else {
        const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
        // Everything this adapter sends comes from the bot, proactive messages included.
        const stored = await this.store.append(conversationId, forTheLog({ ...activity, from: { id: activity.from?.id ?? '', name: activity.from?.name ?? '', role: 'bot' }, serviceUrl: undefined }));
        responses.push({ id: stored.id ?? '' });
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error('The embedded Direct Line does not support updating activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The embedded Direct Line does not support deleting activities');
  }
}

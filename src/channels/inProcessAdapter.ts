import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { CachingBotFrameworkAuthentication } from './cachingAuthentication';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * Runs bot turns in-process for a channel whose route has already authenticated the request (a Direct
 * Line token, WeChat's signature), so Bot Framework JWT checks are off for these adapters only. Delays,
 * invoke responses and traces are handled here; what the bot sends to the user goes to `deliver`, in
 * order, a batch at a time (a delay ends a batch).
 */
export abstract class InProcessAdapter extends CloudAdapter {
  constructor(private readonly channelName: string) {
    super(new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({})));
  }

  /** Runs one inbound activity through the bot. */
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    await this.processActivityDirect('', activity as Activity, logic);
  }

  /** Sends the user what the bot said; one response per activity, in order. */
  protected abstract deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]>;

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = activities.map(() => ({ id: '' }));
    let batch: number[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const delivered = await this.deliver(context, batch.map((i) => activities[i]));
      batch.forEach((i, n) => (responses[i] = delivered[n] ?? { id: '' }));
      batch = [];
    };
    for (const [i, activity] of activities.entries()) {
      if (activity.type === 'delay') {
        await flush();
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        context.turnState.set(INVOKE_RESPONSE_KEY, activity);
      } else if (activity.type !== ActivityTypes.Trace) {
        // Traces are for the Emulator and for analytics middleware, not for the user.
        batch.push(i);
      }
    }
    await flush();
    return responses;
  }

  override async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error(`${this.channelName} cannot update activities`);
  }

  override async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelName} cannot delete activities`);
  }
}

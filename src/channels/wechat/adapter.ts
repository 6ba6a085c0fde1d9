import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { SerialQueue } from '../../state/serialQueue';
import { CachingBotFrameworkAuthentication } from '../cachingAuthentication';
import type { TurnLogic } from '../directline/adapter';
import type { Contacts } from './contacts';
import { renderActivities, type RenderOptions } from './render';

/** Who a WeChat message goes to: the user, from which account (Official Account or WeCom customer-service account). */
export interface Address {
  conversationId: string;
  userId: string;
  accountId: string;
}

/** Sends finished text messages to a user through a WeChat API. */
export interface Outlet {
  send(address: Address, texts: string[]): Promise<void>;
}

/**
 * Holds what the bot sends while WeChat still waits for the HTTP answer (about 5 s), so a quick turn
 * is answered in that response; once closed, everything goes through the API.
 */
export class ReplyWindow {
  private held: Partial<Activity>[] | undefined = [];

  /** False once closed. */
  hold(activities: Partial<Activity>[]): boolean {
    this.held?.push(...activities);
    return this.held !== undefined;
  }

  close(): Partial<Activity>[] {
    const held = this.held ?? [];
    this.held = undefined;
    return held;
  }
}

/**
 * Runs bot turns in-process for a WeChat channel, like the embedded Direct Line adapter: the route has
 * verified WeChat's signature, so Bot Framework JWT checks are off for this adapter only. Messages are
 * rendered as WeChat text (see render.ts) and sent in order per conversation through the outlet, or
 * held for the passive reply while the request's window is open.
 */
export class WeChatAdapter extends CloudAdapter {
  private readonly windows = new Map<string, ReplyWindow>();
  private readonly queue = new SerialQueue();

  constructor(
    readonly channelId: string,
    private readonly outlet: Outlet,
    private readonly contacts: Contacts,
    private readonly rendering: RenderOptions,
  ) {
    super(new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({})));
  }

  async runTurn(activity: Partial<Activity>, logic: TurnLogic, window?: ReplyWindow): Promise<void> {
    const key = windowKey(activity);
    if (window && key) this.windows.set(key, window);
    try {
      await this.processActivityDirect('', activity as Activity, logic);
    } finally {
      if (key) this.windows.delete(key);
    }
  }

  /** Renders messages as WeChat texts and remembers the numbered choices they offer. */
  async render(address: Address, activities: Partial<Activity>[]): Promise<string[]> {
    const rendered = renderActivities(activities, this.rendering);
    if (rendered.texts.length) await this.contacts.update(address.userId, { choices: rendered.choices });
    return rendered.texts;
  }

  /** Renders and sends through the API, after whatever this conversation is already sending. */
  deliver(address: Address, activities: Partial<Activity>[]): Promise<void> {
    return this.queue.run(address.conversationId, async () => {
      const texts = await this.render(address, activities);
      if (texts.length) await this.outlet.send(address, texts);
    });
  }

  /** Sends texts already rendered, in order with the rest. */
  sendTexts(address: Address, texts: string[]): Promise<void> {
    return this.queue.run(address.conversationId, () => (texts.length ? this.outlet.send(address, texts) : Promise.resolve()));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const messages: Partial<Activity>[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
      else if (activity.type === ActivityTypes.InvokeResponse) context.turnState.set(INVOKE_RESPONSE_KEY, activity);
      // WeChat shows no typing indicator or traces to a user; only messages are sent.
      else if (activity.type === ActivityTypes.Message) messages.push(activity);
    }
    if (messages.length) {
      const window = this.windows.get(windowKey(context.activity) ?? '');
      if (!window?.hold(messages)) await this.deliver(addressOf(messages[0], context), messages);
    }
    return activities.map(() => ({ id: '' }));
  }

  override async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error('WeChat messages cannot be updated');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('WeChat messages cannot be deleted');
  }
}

function windowKey(activity: Partial<Activity>): string | undefined {
  return activity.id && activity.conversation ? `${activity.conversation.id}\n${activity.id}` : undefined;
}

/** An outgoing activity goes from the bot (the account) to the conversation's user. */
function addressOf(activity: Partial<Activity>, context: TurnContext): Address {
  return {
    conversationId: activity.conversation?.id ?? context.activity.conversation.id,
    userId: activity.recipient?.id ?? context.activity.from.id,
    accountId: activity.from?.id ?? context.activity.recipient.id,
  };
}

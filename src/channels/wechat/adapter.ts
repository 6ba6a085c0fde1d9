import { ActivityTypes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { SerialQueue } from '../../state/serialQueue';
import { InProcessAdapter, type TurnLogic } from '../inProcessAdapter';
import type { Contacts } from './contacts';
import type { Rendered } from './render';

/** Who a WeChat message goes to: the user, from which account (Official Account or WeCom customer-service account). */
export interface Address {
  conversationId: string;
  userId: string;
  accountId: string;
}

/** Sends finished messages (texts, or WeCom's menus too) to a user through a WeChat API. */
export interface Outlet<M> {
  send(address: Address, messages: M[]): Promise<void>;
}

/** How the bot's activities are written for the channel. */
export type Renderer<M> = (activities: Partial<Activity>[]) => Rendered<M>;

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
 * Runs bot turns for a WeChat channel (the route has verified WeChat's signature). Messages are
 * rendered as WeChat text (see render.ts) and sent in order per conversation through the outlet, or
 * held for the passive reply while the request's window is open.
 */
export class WeChatAdapter<M> extends InProcessAdapter {
  private readonly windows = new Map<string, ReplyWindow>();
  private readonly queue = new SerialQueue();

  constructor(
    readonly channelId: string,
    private readonly outlet: Outlet<M>,
    private readonly contacts: Contacts<M>,
    private readonly renderer: Renderer<M>,
  ) {
    super('WeChat');
  }

  override async runTurn(activity: Partial<Activity>, logic: TurnLogic, window?: ReplyWindow): Promise<void> {
    const key = windowKey(activity);
    if (window && key) this.windows.set(key, window);
    try {
      await super.runTurn(activity, logic);
    } finally {
      if (key) this.windows.delete(key);
    }
  }

  /** Renders activities as the channel's messages and remembers the choices they offer. */
  async render(address: Address, activities: Partial<Activity>[]): Promise<M[]> {
    const rendered = this.renderer(activities);
    if (rendered.messages.length) await this.contacts.update(address.userId, { choices: rendered.choices });
    return rendered.messages;
  }

  /** Renders and sends through the API, after whatever this conversation is already sending. */
  send(address: Address, activities: Partial<Activity>[]): Promise<void> {
    return this.queue.run(address.conversationId, async () => {
      const messages = await this.render(address, activities);
      if (messages.length) await this.outlet.send(address, messages);
    });
  }

  /** Sends messages already rendered, in order with the rest. */
  sendRendered(address: Address, messages: M[]): Promise<void> {
    return this.queue.run(address.conversationId, () => (messages.length ? this.outlet.send(address, messages) : Promise.resolve()));
  }

  protected async deliver(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    // A window keeps events too (the channel may act on a handoff's start); WeChat shows the user only messages.
    const window = this.windows.get(windowKey(context.activity) ?? '');
    const messages = activities.filter((activity) => activity.type === ActivityTypes.Message);
    if (!window?.hold(activities) && messages.length) await this.send(addressOf(messages[0], context), messages);
    return activities.map(() => ({ id: '' }));
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

import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { MainDialog } from '../../dialogs/main';
import type { StateAccessors } from '../state/accessors';
import type { ConversationSoFar } from './conversationSoFar';
import type { NotificationOptOut } from './notificationOptOut';

/**
 * Thin activity handler (the turn pipeline's relay has already kept from it what belongs to a person):
 * the main dialog's welcome on join, "no more SMS" recorded wherever the conversation is, everything else to the main
 * dialog, state saved after each turn (with what was said and recognized, for a handoff's transcript).
 */
export class PosBot extends ActivityHandler {
  constructor(
    private readonly state: StateAccessors,
    private readonly dialog: MainDialog,
    private readonly optOut: NotificationOptOut,
    private readonly soFar: Pick<ConversationSoFar, 'listen' | 'note'>,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const joined = context.activity.membersAdded ?? [];
      if (joined.some((member) => member.id !== context.activity.recipient.id)) {
        await this.dialog.welcome(context, this.state.dialogState);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      if (!(await this.optOut.handle(context, () => this.dialog.asksContact(context, this.state.dialogState)))) await this.dialog.run(context, this.state.dialogState);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.dialog.run(context, this.state.dialogState);
      await next();
    });
  }

  /** This bot answers no invoke (cards here post messages): a clear 400 rather than botbuilder's 501. */
  protected override async onInvokeActivity(): Promise<InvokeResponse> {
    return { status: 400, body: { error: { code: 'BadArgument', message: 'This bot does not handle invoke activities' } } };
  }

  /** Starts the turn's reads of its state, afresh (see TurnPipeline); `run` waits for them. */
  startReads(context: TurnContext): void {
    this.load(context, true).catch(() => undefined);
  }

  override async run(context: TurnContext): Promise<void> {
    const { conversationState, userState } = this.state;
    this.soFar.listen(context);
    await this.load(context);
    await super.run(context);
    await this.soFar.note(context);
    await Promise.all([conversationState.saveChanges(context, false), userState.saveChanges(context, false)]);
  }

  /**
   * Nearly every turn reads both (the dialog stack, the language): read together, one round trip to
   * the store instead of two in a row; written together too. An activity without a user id has no
   * user state (botbuilder throws for its key): it is read only if the turn asks for it.
   */
  private async load(context: TurnContext, force = false): Promise<void> {
    const { conversationState, userState } = this.state;
    await Promise.all([conversationState.load(context, force), ...(context.activity.from?.id ? [userState.load(context, force)] : [])]);
  }
}

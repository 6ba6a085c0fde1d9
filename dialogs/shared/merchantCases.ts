import { ActivityTypes, TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { CaseRecord, CaseService } from '../../src/cases/caseService';
import { currentCase, openCases, type PendingAction } from '../../src/cases/pending';

export interface CurrentCase {
  record: CaseRecord;
  /** What the case waits for from the merchant. */
  action?: PendingAction;
}

/** The user's own cases as the turn started reading them (in the turn's state). */
const OWN = Symbol('ownCases');

/**
 * The cases of the user in this conversation: those they submitted (under their user id, in any
 * conversation) and those they proved here with the reference and card last 4 or mobile.
 */
export class MerchantCases {
  constructor(private readonly cases: CaseService, private readonly claimed: StatePropertyAccessor<string[]>) {}

  /** Starts reading the user's own cases on a message (the main dialog looks them up on most; see TurnPipeline). */
  startReads(context: TurnContext): void {
    const userId = context.activity.from?.id;
    if (context.activity.type === ActivityTypes.Message && userId) context.turnState.set(OWN, this.cases.forUserLater(userId));
  }

  /** The cases the user submitted, as the turn started reading them (one read a turn). */
  own(context: TurnContext): Promise<readonly CaseRecord[]> {
    const started = context.turnState.get(OWN) as (() => Promise<readonly CaseRecord[]>) | undefined;
    return started ? started() : this.cases.forUser(context.activity.from.id);
  }

  async all(context: TurnContext): Promise<CaseRecord[]> {
    const own = await this.own(context);
    const proved = await this.claimed.get(context, []);
    const others = await Promise.all(proved.filter((r) => !own.some((c) => c.reference === r)).map((r) => this.cases.get(r)));
    return [...own, ...others.filter((c): c is CaseRecord => Boolean(c))];
  }

  /** Whether more than one of the cases is under way (a merchant cancelling two terminals). */
  async several(context: TurnContext): Promise<boolean> {
    return openCases(await this.all(context)).length > 1;
  }

  /**
   * The open case and what it waits for from the merchant. The merchant is here: this conversation is
   * where the news of their open cases goes from now on.
   */
  async current(context: TurnContext): Promise<CurrentCase | undefined> {
    return currentCase(await this.followed(context), context.activity.from.id);
  }

  /**
   * The open case as `current` finds it, and the newest case of all (a rejected one is no longer
   * current), read once; or, when the case store cannot be reached, why not: the turn then goes on
   * without case awareness for what needs no case, and fails with it for what does.
   */
  async lookup(context: TurnContext): Promise<{ current?: CurrentCase; latest?: CaseRecord; unreachable?: unknown }> {
    return this.followed(context).then(
      (all) => ({ current: currentCase(all, context.activity.from.id), latest: all.at(-1) }),
      (unreachable: unknown) => ({ unreachable }),
    );
  }

  /** All the cases, this conversation now where their news goes. */
  private async followed(context: TurnContext): Promise<CaseRecord[]> {
    const all = await this.all(context);
    await this.cases.followConversation(all, this.here(context));
    return all;
  }

  /** From now on this conversation is the case's owner's, and where its news goes. */
  async claim(context: TurnContext, reference: string): Promise<void> {
    const proved = await this.claimed.get(context, []);
    if (!proved.includes(reference)) await this.claimed.set(context, [...proved, reference]);
    await this.cases.followConversation([reference], this.here(context));
  }

  /** This conversation, as proactive messages reach it. */
  private here(context: TurnContext): Record<string, unknown> {
    return { ...TurnContext.getConversationReference(context.activity), locale: context.activity.locale };
  }
}

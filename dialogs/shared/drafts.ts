import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { isExpired, keptUntil, type Draft, type SavedDraft } from '../../src/cases/drafts';
import type { Localizer } from '../../src/i18n/localizer';
import { answersNextQuestion } from './answers';

export type { Draft, SavedDraft };

/** Where a turn keeps the last day of a draft it found expired, so that the merchant is told. */
const EXPIRED = Symbol('draftExpired');

/**
 * The user's unfinished application, kept in user state (so a new conversation of the same user finds
 * it) while it is filled and after a detour, until it is submitted, deleted or DRAFT_TTL_DAYS old.
 */
export class Drafts {
  constructor(
    private readonly accessor: StatePropertyAccessor<SavedDraft | undefined>,
    readonly ttlDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The draft, when there is one with anything filled in and not yet expired. */
  async get(context: TurnContext): Promise<SavedDraft | undefined> {
    const saved = await this.accessor.get(context);
    if (!saved) return undefined;
    if (isExpired(saved.savedAt, this.now(), this.ttlDays)) {
      await this.accessor.delete(context);
      context.turnState.set(EXPIRED, this.until(saved));
      return undefined;
    }
    return Object.values(saved.draft).some((v) => v !== undefined) ? saved : undefined;
  }

  /** Whether the text answers the question the unfinished application (if any) stopped at ("LKL94000002" typed days later). */
  async answeredBy(context: TurnContext, text: string, localizer: Localizer): Promise<boolean> {
    const saved = await this.get(context);
    return saved !== undefined && answersNextQuestion(saved.draft, text, localizer);
  }

  async save(context: TurnContext, draft: Draft): Promise<void> {
    await this.accessor.set(context, { draft, savedAt: this.now().toISOString() });
  }

  async clear(context: TurnContext): Promise<void> {
    await this.accessor.delete(context);
  }

  /** The last day the draft this turn found expired (and deleted) was kept, if it found one. */
  expiredThisTurn(context: TurnContext): string | undefined {
    return context.turnState.get(EXPIRED) as string | undefined;
  }

  /** `expiredThisTurn`, once: the merchant is told once a turn, whichever way the turn goes on. */
  takeExpired(context: TurnContext): string | undefined {
    const until = this.expiredThisTurn(context);
    context.turnState.delete(EXPIRED);
    return until;
  }

  /** The last day a draft is kept. */
  until(saved: SavedDraft): string {
    return keptUntil(saved.savedAt, this.ttlDays);
  }
}

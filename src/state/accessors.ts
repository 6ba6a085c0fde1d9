import type { ConversationState, StatePropertyAccessor, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { SavedDraft } from '../cases/drafts';
import type { RecentLine } from '../handoff/recentLines';
import type { Language } from '../i18n/language';

/** Intents recognized in a widget conversation, by the place of the user's message in its Direct Line log. */
export type LoggedIntents = Record<string, string>;

export interface UserProfile {
  /** Set when the user chose a language explicitly ("English", "中文", the page's switch), or wrote in one (`followed`). */
  language?: Language;
  /** The language was taken from what the user wrote, not chosen: what they write next may change it again. */
  followed?: boolean;
  /** The language of the user's last message plainly written in one, when their channel says no locale: a reply to "6212…" stays in it. */
  wrote?: Language;
}

/** The conversation state property the last lines are kept in (a data subject's export reads them). */
export const RECENT_LINES_PROPERTY = 'recent';

/** Every state property the bot reads or writes, declared in one place. */
export class StateAccessors {
  readonly dialogState: StatePropertyAccessor<DialogState>;
  readonly profile: StatePropertyAccessor<UserProfile>;
  /** The user's unfinished application (user state: a new conversation of the same user finds it). */
  readonly draft: StatePropertyAccessor<SavedDraft | undefined>;
  /** Cases the user proved in this conversation (reference plus card last 4 or mobile). */
  readonly claimedCases: StatePropertyAccessor<string[]>;
  /** Messages in a row the bot did not understand. */
  readonly misunderstood: StatePropertyAccessor<number>;
  /** What the bot's last answer asked whether to do ("要不要现在就开始办理？"): a yes to the next message does it. */
  readonly offered: StatePropertyAccessor<string | undefined>;
  /** What the bot recognized in a widget conversation's last messages (see ConversationSoFar). */
  readonly loggedIntents: StatePropertyAccessor<LoggedIntents>;
  /** The last lines of a conversation without a log of its own (see ConversationSoFar). */
  readonly recentLines: StatePropertyAccessor<RecentLine[]>;

  constructor(readonly conversationState: ConversationState, readonly userState: UserState) {
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.profile = userState.createProperty<UserProfile>('profile');
    this.draft = userState.createProperty<SavedDraft | undefined>('draft');
    this.claimedCases = conversationState.createProperty<string[]>('claimedCases');
    this.misunderstood = conversationState.createProperty<number>('misunderstood');
    this.offered = conversationState.createProperty<string | undefined>('offered');
    this.loggedIntents = conversationState.createProperty<LoggedIntents>('intents');
    this.recentLines = conversationState.createProperty<RecentLine[]>(RECENT_LINES_PROPERTY);
  }
}

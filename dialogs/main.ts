import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { normalizeLocale, parseLanguageSwitch, type Language } from '../src/i18n/language';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const MAIN_DIALOG = 'main';
const ROUTE = 'main.route';
/** The event the web page posts when the visitor uses its language switch. */
export const LANGUAGE_EVENT = 'webchat/language';

/** The router: every message and event of the user enters here. */
export class MainDialog extends ComponentDialog {
  constructor(private readonly language: TurnLanguage, private readonly replies: Replies) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Continues the active dialog or starts this one (the BotBuilder samples' `run`). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const results = await dialogContext.continueDialog();
    if (results.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
    const requested = requestedLanguage(context.activity);
    if (requested) {
      await this.language.choose(context, requested);
      await context.sendActivity(this.replies.withMenu(requested, 'languageSwitched'));
      return step.endDialog();
    }
    if (context.activity.type !== 'message') return step.endDialog();
    await context.sendActivity(this.replies.withMenu(await this.language.of(context), 'learning'));
    return step.endDialog();
  }
}

function requestedLanguage(activity: Activity): Language | undefined {
  if (activity.type === 'event' && activity.name === LANGUAGE_EVENT) {
    return typeof activity.value === 'string' ? normalizeLocale(activity.value) : undefined;
  }
  return activity.type === 'message' ? parseLanguageSwitch(activity.text) : undefined;
}

import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Localizer } from '../src/i18n/localizer';
import { DraftChoiceDialog } from './shared/draftChoiceDialog';
import type { Drafts } from './shared/drafts';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const STOP_FORM_DIALOG = 'stopForm';

/**
 * "算了" in the middle of the application (which has already been left; the draft holds every answer):
 * stop and keep what was filled in for DRAFT_TTL_DAYS, stop and delete it, or carry on.
 */
export class StopFormDialog extends DraftChoiceDialog {
  constructor(localizer: Localizer, language: TurnLanguage, replies: Replies, drafts: Drafts) {
    super(STOP_FORM_DIALOG, { buttons: ['cancel:stop.keep', 'cancel:stop.discard', 'cancel:stop.continue'], go: 'cancel:stop.continue', keep: 'cancel:stop.keep', kept: 'cancel:stop.kept', discard: 'cancel:stop.discard', discarded: 'cancel:stop.discarded', yes: 'cancel:stop.keep', no: 'cancel:stop.continue' }, localizer, language, replies, drafts);
  }

  protected ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.prompt(step, { key: 'cancel:stop.ask', vars: { days: this.drafts.ttlDays } });
  }
}

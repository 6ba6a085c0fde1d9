import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Localizer } from '../src/i18n/localizer';
import { DraftChoiceDialog } from './shared/draftChoiceDialog';
import type { Drafts } from './shared/drafts';
import type { Replies } from './shared/replies';
import type { TurnLanguage } from './shared/turnLanguage';

export const RESUME_DRAFT_DIALOG = 'resumeDraft';

export interface ResumeOptions {
  /** Offered as the user comes back from a person, rather than on their return. */
  afterHandoff?: boolean;
  /** Asked for the progress of an application never submitted: there is none, but this one can go on. */
  notSubmitted?: boolean;
}

/** "You have an unfinished application: continue where you left off?" Continue, later, or delete it. */
export class ResumeDraftDialog extends DraftChoiceDialog {
  constructor(localizer: Localizer, language: TurnLanguage, replies: Replies, drafts: Drafts) {
    super(RESUME_DRAFT_DIALOG, { buttons: ['cancel:resume.yes', 'cancel:resume.later', 'cancel:resume.discard'], go: 'cancel:resume.yes', keep: 'cancel:resume.later', kept: 'cancel:resume.later_done', discard: 'cancel:resume.discard', discarded: 'cancel:resume.discarded', yes: 'cancel:resume.yes', no: 'cancel:resume.later' }, localizer, language, replies, drafts);
  }

  protected async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const saved = await this.drafts.get(step.context);
    if (!saved) return step.endDialog();
    const options = (step.options as ResumeOptions | undefined) ?? {};
    const key = options.afterHandoff ? 'cancel:resume.afterHandoff' : options.notSubmitted ? 'cancel:resume.notSubmitted' : 'cancel:resume.offer';
    return this.prompt(step, { key, dateVars: { until: this.drafts.until(saved) } });
  }
}

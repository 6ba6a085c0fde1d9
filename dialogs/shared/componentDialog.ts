import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog as BotbuilderComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogContextError } from 'botbuilder-dialogs/lib/dialogContextError';

/** A component's inner dialog context, with the outer context's dialog instance it was made for. */
interface Inner {
  instance: DialogInstance | undefined;
  dc: DialogContext;
}

/**
 * DialogContext.continueDialog without its "activity received" event, which botbuilder walks down to
 * the innermost dialog and up again on every turn (about 2% of a dialog turn's CPU): none of our
 * dialogs handles it (a waiting text prompt takes any message as handled, and nothing above it
 * handles anything else). Errors are wrapped with the dialog context as botbuilder does.
 */
export async function continueActive(dc: DialogContext): Promise<DialogTurnResult> {
  const instance = dc.activeDialog;
  if (!instance) return { status: DialogTurnStatus.empty };
  const dialog = dc.findDialog(instance.id);
  if (!dialog) throw new DialogContextError(`DialogContext.continueDialog(): Can't continue dialog. A dialog with an id of '${instance.id}' wasn't found.`, dc);
  try {
    return await dialog.continueDialog(dc);
  } catch (err) {
    throw err instanceof DialogContextError ? err : new DialogContextError(err as Error, dc);
  }
}

/**
 * botbuilder's ComponentDialog making one inner dialog context per outer context and instance: in one
 * turn botbuilder asks for it up to twice (continuing the component, the main dialog's look for the
 * waiting question), and each is a dialog context with its memory scopes (most of the dialog
 * machinery's CPU and garbage). The inner context keeps nothing of its own: its stack is the
 * instance's, which it changes in place. Its inner dialog continues without the activity-received
 * event (see continueActive).
 */
export class ComponentDialog<O extends object = {}> extends BotbuilderComponentDialog<O> {
  private readonly inner = new WeakMap<DialogContext, Inner>();

  override createChildContext(outerDC: DialogContext): DialogContext {
    const instance = outerDC.activeDialog;
    const known = this.inner.get(outerDC);
    if (known && known.instance === instance) return known.dc;
    const dc = super.createChildContext(outerDC);
    this.inner.set(outerDC, { instance, dc });
    return dc;
  }

  protected override onContinueDialog(innerDC: DialogContext): Promise<DialogTurnResult> {
    return continueActive(innerDC);
  }
}

import type { DialogContext, DialogInstance } from 'botbuilder-dialogs';
import { ComponentDialog as BotbuilderComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';

/** A component's inner dialog context, with the outer context's dialog instance it was made for. */
interface Inner {
  instance: DialogInstance | undefined;
  dc: DialogContext;
}

/**
 * botbuilder's ComponentDialog making one inner dialog context per outer context and instance: in one
 * turn botbuilder asks for it up to three times (the activity-received event's walk to the innermost
 * dialog, continuing the component, the main dialog's look for the waiting question), and each is a
 * dialog context with its memory scopes (most of the dialog machinery's CPU and garbage). The inner
 * context keeps nothing of its own: its stack is the instance's, which it changes in place.
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
}

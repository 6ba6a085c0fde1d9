/**
 * The botbuilder-dialogs classes the dialogs use, from their own modules: the package's index also
 * loads every other prompt and Microsoft's text recognizers (numbers, dates and choices in many
 * languages), which were a sixth of the server's start-up and serve none of our dialogs. Types still
 * come from 'botbuilder-dialogs'.
 */
export { ComponentDialog } from './componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';

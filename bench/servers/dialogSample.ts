/**
 * Baseline 3: what botbuilder's dialogs cost on their own, a bot shaped as the official multi-turn
 * prompt sample (BotBuilder-Samples 05.multi-turn-prompt) builds one: CloudAdapter on restify, a
 * DialogBot that runs one ComponentDialog and saves conversation and user state on MemoryStorage after
 * every turn, a waterfall of choice, text, confirm and number prompts with a validator and a summary.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, UserState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  DialogTurnStatus,
  NumberPrompt,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import restify, { type Request, type Response } from 'restify';
import { announce, PORT } from './ipc';

interface Profile {
  transport?: string;
  name?: string;
  age?: number;
}

class ProfileDialog extends ComponentDialog {
  private readonly profile: StatePropertyAccessor<Profile>;

  constructor(userState: UserState) {
    super('profile');
    this.profile = userState.createProperty('profile');
    this.addDialog(new ChoicePrompt('choice'));
    this.addDialog(new TextPrompt('text'));
    this.addDialog(new ConfirmPrompt('confirm'));
    this.addDialog(new NumberPrompt('number', async (prompt: PromptValidatorContext<number>) => prompt.recognized.succeeded && prompt.recognized.value! > 0 && prompt.recognized.value! < 150));
    this.addDialog(
      new WaterfallDialog('steps', [
        (step) => step.prompt('choice', { prompt: 'How do you travel?', choices: ChoiceFactory.toChoices(['Car', 'Bus', 'Bicycle']) }),
        (step) => {
          (step.values as Profile).transport = (step.result as { value: string }).value;
          return step.prompt('text', 'Your name?');
        },
        async (step) => {
          (step.values as Profile).name = step.result as string;
          await step.context.sendActivity(`Thanks ${step.result as string}.`);
          return step.prompt('confirm', 'Will you give your age?', ['yes', 'no']);
        },
        (step) => (step.result ? step.prompt('number', { prompt: 'Your age?', retryPrompt: 'An age between 1 and 149, please.' }) : step.next(-1)),
        (step) => this.summary(step),
        async (step) => {
          await step.context.sendActivity(step.result ? 'Saved.' : 'Not kept.');
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }

  private async summary(step: WaterfallStepContext) {
    const profile = await this.profile.get(step.context, {});
    Object.assign(profile, step.values, { age: step.result as number });
    await step.context.sendActivity(`You travel by ${profile.transport}, your name is ${profile.name}${profile.age === -1 ? '' : ` and you are ${profile.age}`}.`);
    return step.prompt('confirm', { prompt: 'Is this right?' });
  }

  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }
}

class DialogBot extends ActivityHandler {
  constructor(conversationState: ConversationState, userState: UserState, dialog: ProfileDialog) {
    super();
    const dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.onMessage(async (context, next) => {
      await dialog.run(context, dialogState);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await userState.saveChanges(context, false);
      await next();
    });
  }
}

const storage = new MemoryStorage();
const userState = new UserState(storage);
const bot = new DialogBot(new ConversationState(storage), userState, new ProfileDialog(userState));
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'dialog-sample' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(PORT, '127.0.0.1', () => announce((server.address() as { port: number }).port));

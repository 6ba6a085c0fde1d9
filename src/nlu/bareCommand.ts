import { z } from 'zod';
import { INTENTS, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadPerLanguage } from './wordLists';

const COMMAND = z.object({
  verbs: z.array(z.string().min(1)),
  objects: z.array(z.string().min(1)),
  fillers: z.array(z.string().min(1)),
  /** Verbs that say it without their object ("我又想注销了": 注销 is only ever the terminal's, here). */
  alone: z.array(z.string().min(1)).default([]),
  /**
   * Question words the message must hold, for a question about the command rather than the command
   * ("怎么注销pos机", "how do I cancel", "SN是什么"); a command without them needs none and takes none.
   */
  asks: z.array(z.string().min(1)).default([]),
});
const FILE = z.record(z.string().refine((intent) => (INTENTS as readonly string[]).includes(intent), 'an intent'), COMMAND);
type Command = z.infer<typeof COMMAND>;

/** Longer than this, a message says more than a command ("I would like to return the pos terminal please" is 46). */
const LONGEST_COMMAND = 60;

/** Spaces and punctuation between the words of a command ("注销 POS机！", "cancel, the machine"). */
const BETWEEN = /[\s\p{P}\p{S}]+/gu;

/**
 * A request said in its fewest words: "注销POS机", "pos机注销", "cancel machine" (locales/<lang>/nlu/commands.json).
 * The classifier reads such a bare verb and object with the many questions that share both ("注销pos机要多久",
 * "机器注销后用什么收款") and rates it low; a message of nothing but the verb, its object and politeness
 * is the request itself. Anything more (a negation, a question word) is left to the classifier, but for
 * a question about the command in as few words ("怎么注销pos机", "SN是什么"), which an entry with question
 * words (`asks`) names.
 */
export class BareCommands {
  private readonly commands: { intent: Label; whole: RegExp; verb: RegExp; object: RegExp; alone: RegExp; asks?: RegExp; anyVerb: RegExp }[];

  constructor(commands: readonly { intent: Label; command: Command }[]) {
    this.commands = commands.map(({ intent, command }) => ({
      intent,
      whole: new RegExp(`^(?:${alternatives([...command.verbs, ...command.alone, ...command.objects, ...command.fillers, ...command.asks])})+$`),
      verb: anyOf(command.verbs),
      object: anyOf(command.objects),
      alone: anyOf(command.alone),
      asks: command.asks.length ? anyOf(command.asks) : undefined,
      // As typed, before normalizing: the lists hold the traditional forms too ("註銷").
      anyVerb: new RegExp(alternatives([...command.verbs, ...command.alone], (w) => w.toLowerCase())),
    }));
  }

  static load(localesDir: string): BareCommands {
    const files = loadPerLanguage(localesDir, 'commands.json', FILE);
    return new BareCommands(files.flatMap((file) => Object.entries(file).map(([intent, command]) => ({ intent: intent as Label, command: command as Command }))));
  }

  /** The intent `text` asks for in a command's words alone (a verb and its object at least, or a verb that needs none), if any. */
  match(text: string): Label | undefined {
    // Every classification asks (it cost a seventh of one): a longer message is never a bare command,
    // nor one without a command's verb as typed ("註銷POS機" has one), looked at before normalizing it
    // and the whole-message pattern.
    if (text.length > LONGEST_COMMAND) return undefined;
    const typed = text.toLowerCase();
    if (!this.commands.some((c) => c.anyVerb.test(typed))) return undefined;
    const said = normalizeText(text).replace(BETWEEN, '');
    return this.commands.find((c) => (c.alone.test(said) || (c.verb.test(said) && c.object.test(said))) && (!c.asks || c.asks.test(said)) && c.whole.test(said))?.intent;
  }

  /** The intent a sentence of a longer message asks for in a command's words alone, if any (the first such). */
  matchSentence(text: string): Label | undefined {
    return this.requestIn(text)?.intent;
  }

  /** What a longer message says besides its sentence that is a command ("审核要多久" of "我要注销pos 另外审核要多久"), if it has one. */
  besidesCommand(text: string): string | undefined {
    return this.requestIn(text)?.rest;
  }

  private requestIn(text: string): { intent: Label; rest: string } | undefined {
    const sentences = text.split(SENTENCE_BREAK).map((s) => s.trim()).filter(Boolean);
    if (sentences.length < 2) return undefined;
    for (const [i, sentence] of sentences.entries()) {
      const intent = this.match(sentence);
      if (intent) return { intent, rest: sentences.filter((_, j) => j !== i).join(', ') };
    }
    return undefined;
  }
}

/**
 * Where a message's sentences part: punctuation, and a space before Chinese characters after Chinese
 * or a Latin word ("我是做小生意的 想注销pos机", "我要注销pos 另外审核要多久").
 */
const SENTENCE_BREAK = /[。！？!?；;，,\n]+|\.\s+|(?<=[\p{Script=Han}a-zA-Z0-9])\s+(?=\p{Script=Han})/u;

/** Any of the words (normalized); none when the list is empty. */
const anyOf = (words: readonly string[]) => new RegExp(words.length ? alternatives(words) : '(?!)');

/** The words as alternatives, longest first, spaces dropped as they are from the text (normalized, unless told otherwise). */
function alternatives(words: readonly string[], form: (word: string) => string = (w) => normalizeText(w).replace(BETWEEN, '')): string {
  return [...new Set(words.map(form))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

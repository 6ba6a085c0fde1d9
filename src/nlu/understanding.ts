import { join } from 'node:path';
import { BareCommands } from './bareCommand';
import { bareValue, type BareValue } from './bareValue';
import { IntentModel } from './classifier';
import { ClosingWords } from './closingWords';
import { ComplaintWords } from './complaintWords';
import { loadCorpus, type Utterance } from './corpus';
import { FaultWords } from './faultWords';
import { decide, type Decision, type Thresholds } from './gate';
import { NONE, type Label } from './intents';
import { ProductWords } from './productWords';
import { ProxyWords } from './proxyWords';
import { AcquireWords } from './acquireWords';
import { AfterSubmitWords } from './afterSubmitWords';
import { KeepWords } from './keepWords';
import { VisitWords } from './visitWords';
import { SendingWords } from './sendingWords';
import { loadModel, saveModel } from './modelFile';
import { THRESHOLDS } from './thresholds';
import { textLanguage } from './tokenizer';

export interface Understood extends Decision {
  text: string;
  lang: 'zh' | 'en';
  /** Set when the text is nothing but a phone, ID or card number (then `intent` is `None`). */
  bareValue?: BareValue;
  /**
   * Set when the classifier never learned some of the text's words (its coverage: words, stems, Chinese
   * pairs, numbers), or read some only as words that sound like them: a name, a typo, a word from elsewhere.
   */
  unknownWords?: true;
}

/** From this many characters on, a message the gate refuses is read again sentence by sentence. */
const LONG_MESSAGE = 40;
const MIN_CLAUSE = 4;
const CLAUSE_BREAK = /[。！？!?；;，,\n]+|\.\s+/;
/** How sure the classifier must be of a sentence of a long message it ranks out of scope as a whole. */
const SURE_CLAUSE = 0.7;

/** What a message opens or closes with, whatever else it says. */
const SOCIAL: ReadonlySet<string> = new Set(['greeting', 'thanks_bye']);

/** Word lists that read a message before the classifier (`commands`) or after it (`products`, `faults`, `visits`, `acquire`, `afterSubmit`, `keep`, `sending`, `proxy`, `closing`, `complaints`). */
export interface WordRules {
  products: ProductWords;
  commands: BareCommands;
  faults: FaultWords;
  visits: VisitWords;
  acquire: AcquireWords;
  afterSubmit: AfterSubmitWords;
  keep: KeepWords;
  sending: SendingWords;
  proxy: ProxyWords;
  closing: ClosingWords;
  complaints: ComplaintWords;
}

const NO_WORD_RULES: WordRules = {
  products: new ProductWords([], []),
  commands: new BareCommands([]),
  faults: new FaultWords([], []),
  visits: new VisitWords([], []),
  acquire: new AcquireWords([], [], []),
  afterSubmit: new AfterSubmitWords([], [], []),
  keep: new KeepWords([]),
  sending: new SendingWords([], []),
  proxy: new ProxyWords([], [], []),
  closing: new ClosingWords([], [], [], [], []),
  complaints: new ComplaintWords([], [], [], []),
};

/** The word rules of every corpus language (locales/<lang>/nlu). */
export function loadWordRules(localesDir: string): WordRules {
  return {
    products: ProductWords.load(localesDir),
    commands: BareCommands.load(localesDir),
    faults: FaultWords.load(localesDir),
    visits: VisitWords.load(localesDir),
    acquire: AcquireWords.load(localesDir),
    afterSubmit: AfterSubmitWords.load(localesDir),
    keep: KeepWords.load(localesDir),
    sending: SendingWords.load(localesDir),
    proxy: ProxyWords.load(localesDir),
    closing: ClosingWords.load(localesDir),
    complaints: ComplaintWords.load(localesDir),
  };
}

/** The classifier and its out-of-scope gate: what the bot and the CLI ask. */
export class Understanding {
  constructor(
    readonly model: IntentModel,
    readonly thresholds: Thresholds = THRESHOLDS,
    readonly words: WordRules = NO_WORD_RULES,
  ) {}

  classify(text: string): Understood {
    const lang = textLanguage(text);
    const value = bareValue(text);
    if (value) return { text, lang, intent: NONE, score: 1, bareValue: value };
    const { commands, products } = this.words;
    const command = commands.match(text);
    if (command) return { text, lang, intent: command, score: 1 };
    let understood = this.understand(text, lang);
    // "我是做小生意的 想注销pos机": refused as a whole, but one of its sentences is the request itself.
    if (understood.intent === NONE) {
      const said = commands.matchSentence(text);
      if (said) understood = { text, lang, intent: said, score: 1 };
    }
    // "信用卡审核要几天": our review's words, another product's question.
    if (products.aboutAnotherProduct(understood.intent, text)) return { text, lang, intent: NONE, score: 1 };
    const fits = this.reread(understood.intent, text);
    // Two readings too close to call that the word rules make one ("i want a pos terminal": cancelling or
    // applying, and no cancelling said): that one, nothing to ask.
    const [first, second] = understood.alternatives ?? [];
    if (first && second && fits === this.reread(second, text)) return { text, lang, intent: fits, score: understood.score };
    return fits === understood.intent ? understood : { text, lang, intent: fits, score: understood.score };
  }

  /**
   * `intent` as the word rules read it in `text`: "机器坏了": broken, not lost; "注销要跑去银行吗": the steps,
   * no card closed; "i need a pos machine": applied for, not cancelled; "what happens after i submit?": the
   * steps, not a rejection; "where do I send the terminal": sent
   * back, not applied for; "家人可以代办吗": someone else acting; "这机器人一点用都没有": a complaint, for a person.
   */
  private reread(intent: Label, text: string): Label {
    const { faults, visits, acquire, afterSubmit, keep, sending, proxy, closing, complaints } = this.words;
    const ours = closing.reread(keep.reread(afterSubmit.reread(acquire.reread(visits.reread(faults.reread(intent, text), text), text), text), text), text);
    return complaints.reread(proxy.reread(sending.reread(ours, text), text), text);
  }

  /** Whether the message says no to cancelling ("我不想注销了"). */
  refusesCancelling(text: string): boolean {
    return this.words.keep.says(text);
  }

  /** The request a sentence of the message makes in a command's words alone ("hi i want to cancel my pos, got it 2 weeks ago"), if any. */
  statedRequest(text: string): Label | undefined {
    return this.words.commands.matchSentence(text);
  }

  /** What the message says besides the request it states ("how long does the refund take?" of "i want to cancel my terminal, and how long…"). */
  besidesRequest(text: string): string | undefined {
    return this.words.commands.besidesCommand(text);
  }

  private understand(text: string, lang: 'zh' | 'en'): Understood {
    const analysis = this.model.analyze(text, this.thresholds.temperature);
    const whole = decide(analysis, this.thresholds, lang);
    const unknownWords = analysis.coverage < 1 || analysis.respelt;
    // The classifier itself ranks the whole text out of scope: a clause of it ("what does it mean?",
    // "where do I get it?") would only answer a question the message does not ask.
    // A long message read as a greeting as a whole ("Hello, good afternoon. I run a noodle shop… I want to
    // cancel it"): the greeting is only how it opens; a sentence that asks something else is the request.
    const opening = SOCIAL.has(whole.intent);
    if ((whole.intent !== NONE && !opening) || characters(text) < LONG_MESSAGE) return understood(text, lang, unknownWords, whole);
    // A long message the gate refused as a whole: the question is often one sentence of a story. When
    // the classifier ranks the whole out of scope, only a sentence it is sure of counts.
    const least = analysis.top.intent === NONE ? SURE_CLAUSE : 0;
    const clauses = text.split(CLAUSE_BREAK).filter((c) => characters(c.trim()) >= MIN_CLAUSE);
    // "Hello" or "thanks" as one sentence of a story is how it is told, never what it asks.
    const counts = (d: Decision) => d.intent !== NONE && d.score >= least && !SOCIAL.has(d.intent);
    const best = clauses.map((c) => this.decide(c, lang)).reduce((a, b) => (counts(b) && (a.intent === NONE || a === whole || b.score > a.score) ? b : a), whole);
    return understood(text, lang, unknownWords, best);
  }

  private decide(text: string, lang: 'zh' | 'en'): Decision {
    return decide(this.model.analyze(text, this.thresholds.temperature), this.thresholds, lang);
  }
}

/**
 * Built field by field: spreading the decision and the text's reading into one object (V8 copies a
 * spread through a generic path) and counting a long text's characters through an array took a tenth
 * of a classification.
 */
function understood(text: string, lang: 'zh' | 'en', unknownWords: boolean, { intent, score, alternatives }: Decision): Understood {
  const result: Understood = { intent, score, text, lang };
  if (alternatives) result.alternatives = alternatives;
  if (unknownWords) result.unknownWords = true;
  return result;
}

/** Code points in `text`, as `[...text].length` counts them (a lone surrogate is one), without the array. */
function characters(text: string): number {
  let count = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

export function modelPath(projectRoot: string): string {
  return join(projectRoot, 'dist', 'nlu', 'model.bin');
}

/**
 * The model built by `npm run build`; trains one (and stores it) when it is missing or older than the
 * corpus, so a checkout without a build still understands.
 */
export function loadUnderstanding(
  localesDir: string,
  path: string,
  thresholds: Thresholds = THRESHOLDS,
): { understanding: Understanding; trained: boolean; corpus: Utterance[] } {
  const corpus = loadCorpus(localesDir);
  const stored = loadModel(path, corpus);
  const words = loadWordRules(localesDir);
  if (stored) return { understanding: new Understanding(stored, thresholds, words), trained: false, corpus };
  const model = IntentModel.train(corpus);
  saveModel(path, corpus, model);
  return { understanding: new Understanding(model, thresholds, words), trained: true, corpus };
}

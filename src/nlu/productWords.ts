import { z } from 'zod';
import type { Label } from './intents';
import { normalizeText } from './normalize';
import { loadPerLanguage, wordsPattern } from './wordLists';

/**
 * The intents about our own application and its refund. A question about another product's application
 * ("信用卡审核要几天", "documents for a business loan", "我要注销信用卡") shares their words and asks
 * what the catalog cannot answer.
 */
const PROCESS_INTENTS: ReadonlySet<Label> = new Set<Label>([
  'cancel_pos',
  'check_status',
  'faq_cancel_steps',
  'faq_materials',
  'faq_review_time',
  'faq_review_rejected',
  'faq_refund_method',
  'faq_refund_verify',
  'faq_deadline',
  'faq_cancel_cost',
]);

const FILE = z.object({ others: z.array(z.string().min(1)), ours: z.array(z.string().min(1)) });

/**
 * Names of products (locales/<lang>/nlu/products.json): `others`, a bank's or a platform's (credit
 * cards, loans, 花呗), and `ours`, the terminal and its refund. The classifier weighs 审核, 多久 and 材料
 * far above the product they are about; these words tell the two apart after it.
 */
export class ProductWords {
  private readonly others: RegExp;
  private readonly ours: RegExp;

  constructor(others: readonly string[], ours: readonly string[]) {
    this.others = wordsPattern(others);
    this.ours = wordsPattern(ours);
  }

  /** The lists of every corpus language; none when there are no files (then nothing is told apart). */
  static load(localesDir: string): ProductWords {
    const lists = loadPerLanguage(localesDir, 'products.json', FILE);
    return new ProductWords(
      lists.flatMap((l) => l.others),
      lists.flatMap((l) => l.ours),
    );
  }

  /** `intent`, about our process, said of another product and none of ours: out of scope. */
  aboutAnotherProduct(intent: Label, text: string): boolean {
    if (!PROCESS_INTENTS.has(intent)) return false;
    const said = normalizeText(text);
    return this.others.test(said) && !this.ours.test(said);
  }
}

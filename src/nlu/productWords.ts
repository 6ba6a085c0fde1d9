import { isFaqIntent, type Label } from './intents';
import { normalizeText } from './normalize';
import { loadLists, wordsPattern } from './wordLists';

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

/**
 * Names of products (locales/<lang>/nlu/products.json): `others`, a bank's or a platform's (credit
 * cards, loans, 花呗), and `ours`, the terminal and its refund. The classifier weighs 审核, 多久 and 材料
 * far above the product they are about; these words tell the two apart after it. `stillWorks` asks
 * whether something keeps working ("还能用吗", "still work"): of another product, whatever else is named
 * ("注销以后收款码还能用吗"), a question no answer of ours settles.
 */
export class ProductWords {
  private readonly others: RegExp;
  private readonly ours: RegExp;
  private readonly stillWorks: RegExp;

  constructor(others: readonly string[], ours: readonly string[], stillWorks: readonly string[] = []) {
    this.others = wordsPattern(others);
    this.ours = wordsPattern(ours);
    this.stillWorks = wordsPattern(stillWorks);
  }

  /** The lists of every corpus language; none when there are no files (then nothing is told apart). */
  static load(localesDir: string): ProductWords {
    const { others, ours, stillWorks } = loadLists(localesDir, 'products.json', ['others', 'ours', 'stillWorks']);
    return new ProductWords(others, ours, stillWorks);
  }

  /** `intent`, about our process, said of another product and none of ours, or another FAQ asked of whether another product still works: out of scope. */
  aboutAnotherProduct(intent: Label, text: string): boolean {
    const process = PROCESS_INTENTS.has(intent);
    if (!process && !isFaqIntent(intent)) return false;
    const said = normalizeText(text);
    if (!this.others.test(said)) return false;
    // "收款码还能用吗" reads as the alternatives FAQ ("用收款码可以吗"), which says nothing of whether it keeps working.
    return process ? !this.ours.test(said) : this.stillWorks.test(said);
  }
}

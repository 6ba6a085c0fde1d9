import type { Label } from '../../src/nlu/intents';
import { ProductWords } from '../../src/nlu/productWords';
import { LOCALES_DIR } from '../../src/paths';
import { understanding } from '../helpers/bot';

describe("another product's application in our process's words", () => {
  const products = ProductWords.load(LOCALES_DIR);

  it.each([
    ['faq_review_time', '房贷审批一般要等几天'],
    ['faq_materials', '开通借呗要交什么资料'],
    ['faq_review_rejected', '公积金贷款没批下来怎么办'],
    ['cancel_pos', '我想把信用卡注销掉'],
    ['faq_review_time', 'how many days until my mortgage is approved'],
    ['check_status', 'where is my insurance claim at'],
    ['faq_review_time', '貸款審批要多久'],
    ['cancel_pos', 'cancel my VIP rate plan'],
    ['faq_cancel_cost', '注销会员费'],
    ['cancel_pos', '流量卡我不想要了'],
  ])('%s said of another product is out of scope: %s', (intent, text) => {
    expect(products.aboutAnotherProduct(intent as Label, text)).toBe(true);
  });

  it.each([
    ['faq_review_time', 'POS机注销审核要几天'],
    ['faq_refund_method', '退款能退到信用卡吗'],
    ['faq_refund_method', 'can the refund go to my credit card'],
    ['cancel_pos', '注销刷卡机以后信用卡还能用吗'],
    ['faq_close_card', '信用卡要不要一起销掉'],
    ['faq_review_time', '审核要几天'],
  ])('%s is ours when it names ours, or is about no other product, or is no question of our process: %s', (intent, text) => {
    expect(products.aboutAnotherProduct(intent as Label, text)).toBe(false);
  });

  it('Latin names from the start of a word', () => {
    const words = new ProductWords(['loan'], ['pos']);
    expect(words.aboutAnotherProduct('faq_review_time', 'how long for loans')).toBe(true);
    expect(words.aboutAnotherProduct('faq_review_time', 'how long to download it')).toBe(false);
    expect(words.aboutAnotherProduct('faq_review_time', 'loan for a pos')).toBe(false);
  });

  it('the classifier answers such a question as out of scope', () => {
    expect(understanding().classify('信用卡审核要几个工作日').intent).toBe('None');
    expect(understanding().classify('注销审核要几个工作日').intent).toBe('faq_review_time');
  });
});

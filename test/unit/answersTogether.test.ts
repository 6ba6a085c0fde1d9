import { parseField, statedReason } from '../../dialogs/shared/answers';
import { answersTogether, receiptDateIn } from '../../dialogs/shared/answersTogether';
import { createLocalizer } from '../../src/i18n/localizer';

const localizer = createLocalizer({ brand: { 'zh-CN': '拉卡拉', en: 'Lakala' }, hotline: '95016', website: 'https://example.com' });
// Luhn-valid test card numbers.
const CARD = '6212260200012345670';

describe('answers given together in one message', () => {
  it.each([
    [`我要注销pos 我叫张伟 卡号${CARD} 机身号LKL12345678 手机13800138000`, { fullName: '张伟', cardNumber: CARD, posSerial: 'LKL12345678', mobile: '13800138000' }],
    [`姓名张伟，银行卡${CARD}，SN：lkl20261234，电话138-0013-8000，邮箱zw@example.com`, { fullName: '张伟', cardNumber: CARD, posSerial: 'LKL20261234', mobile: '138-0013-8000', email: 'zw@example.com' }],
    [`我叫王小明卡号${CARD}`, { fullName: '王小明', cardNumber: CARD }],
    [`my name is Chen Jing, card ${CARD}, serial LKL 1234 5678`, { fullName: 'Chen Jing', cardNumber: CARD, posSerial: 'LKL12345678' }],
    [`name: Mary Ann O'Brien card ${CARD}`, { fullName: "Mary Ann O'Brien", cardNumber: CARD }],
    ['机身号 20261234567 手机13900139000', { posSerial: '20261234567', mobile: '13900139000' }],
    ['LKL12345678，手机是13800138000', { posSerial: 'LKL12345678', mobile: '13800138000' }],
  ])('%s', (text, expected) => {
    expect(answersTogether(text, localizer)).toEqual(expected);
  });

  it.each([
    // Nothing that stands out: a bare label without other answers, a question, two serial-shaped words, a card number that fails its check.
    '名字写错了',
    '姓名要写全名吗',
    'my name is on the card',
    'LKL12345678 还是 LKL87654321',
    '卡号6212260200012345678',
    '我要注销POS机',
    'I want to cancel my terminal please',
  ])('takes nothing unsure from: %s', (text) => {
    const found = answersTogether(text, localizer);
    expect(found.fullName).toBeUndefined();
    expect(found.posSerial).toBeUndefined();
    expect(found.cardNumber).toBeUndefined();
  });

  it.each([`我帮我妈注销pos 她叫王秀英 我叫李明 卡号${CARD}`, `My wife's name is Mary Lee, mine is Tom Lee. Card ${CARD}`])('takes no name that may be someone else\'s: %s', (text) => {
    expect(answersTogether(text, localizer)).toEqual({ cardNumber: CARD });
  });

  it.each([
    ['注销pos机 商户号822290053110337 机身号LKLX0011002', { posSerial: 'LKLX0011002' }],
    ['sorry i dont have the card here, merchant no. 822290053110154', {}],
    [`${CARD} 这是我的卡，之前业务员的电话是13911113315`, { cardNumber: CARD }],
    ['我要退pos机 快递单号SF1234567890 已经寄回去了', {}],
    ['你好 我要注销pos机 店铺名字是幸福小吃 手机13811112001', { mobile: '13811112001' }],
    ['the business name is Lucky Star Noodles, phone 13811112002', { mobile: '13811112002' }],
  ])('takes no number of another kind or someone else\'s, and no shop name: %s', (text, expected) => {
    expect(answersTogether(text, localizer)).toEqual(expected);
  });

  it('never takes a card or mobile number for the serial', () => {
    expect(answersTogether(`机身号${CARD}`, localizer).posSerial).toBeUndefined();
    expect(answersTogether('SN 13800138000', localizer).posSerial).toBeUndefined();
  });
});

describe('the name question answered with other answers', () => {
  it.each([
    [`张伟 ${CARD} LKL12345678 13800138000`, '张伟'],
    [`张伟卡号${CARD}`, '张伟'],
    [`Chen Jing ${CARD}`, 'Chen Jing'],
  ])('%s -> %s', (text, name) => {
    expect(parseField('fullName', text, localizer)).toEqual({ ok: true, value: name });
  });

  it.each([`我的卡号是${CARD}`, '13800138000', 'LKL12345678'])('takes no name from other answers alone: %s', (text) => {
    expect(parseField('fullName', text, localizer).ok).toBe(false);
  });
});

describe('the receipt date said in a message about more', () => {
  const today = '2026-12-02';
  it.each([
    [`你好，我叫张伟，去年10月收到你们的pos机，一直没用，想注销掉，卡号${CARD}`, '2025-10-15', '去年10月'],
    ['我要注销，上个月刚拿到的机器', '2026-11-02', '上个月'],
    ['机器是2026年9月3日寄到的，现在不想用了', '2026-09-03', '9月3日'],
    [`Hi, I got the terminal 2 months ago and never used it, card ${CARD}`, '2026-10-02', '2 months ago'],
    ['it arrived last month and I want to cancel', '2026-11-02', 'last month'],
    ['hello, I received the machine in September and would like to return it', '2026-09-15', 'in September'],
    ['十月中旬收到的，想注销', '2026-10-15', '十月中旬'],
  ])('%s', (text, value, said) => {
    expect(receiptDateIn(text, today, localizer)).toEqual({ value, said });
  });

  it.each([
    // A date of something else, no date at all, and a date still to come.
    `注销pos，卡号${CARD}，2025年办的`,
    '机器一直没收到过',
    '我forgot it 2 months ago',
    '下个月收到的话还能退吗',
  ])('none in %s', (text) => {
    expect(receiptDateIn(text, today, localizer)).toBeUndefined();
  });
});

describe('a reason stated with the request to cancel', () => {
  it.each([
    ['我要注销pos机，机器坏了用不了', 'device_fault', '机器坏了用不了'],
    ['店关了，pos机要退掉', 'business_change', '店关了，'],
    ['pos机乱扣钱 我要注销', 'account_anomaly', 'pos机乱扣钱'],
    ['i want to cancel my pos, it is broken', 'device_fault', 'it is broken'],
    ['my shop closed so return the machine', 'business_change', 'my shop closed so return the machine'],
  ])('%s: %s', (text, code, clause) => {
    expect(statedReason(text, localizer)).toEqual({ code, clause });
  });

  it.each(['我要注销pos机', '我是做小生意的 想注销pos机', '机器没坏，就是不想用了', '我要注销账户', 'cancel the pos for my business', 'it is not broken, I just dont need it'])('none in %s', (text) => {
    expect(statedReason(text, localizer)).toBeUndefined();
  });
});

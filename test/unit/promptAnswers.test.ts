import { isOwnReason, parseField, reason, reasonInOwnWords } from '../../dialogs/shared/answers';
import { asksSomething, labelOf, mentions, yesNo } from '../../dialogs/shared/words';
import { createLocalizer } from '../../src/i18n/localizer';

const localizer = createLocalizer({ brand: { 'zh-CN': '拉卡拉', en: 'Lakala' }, hotline: '95016', website: 'https://example.com' });

describe('yes or no at a prompt', () => {
  it.each([
    ['yes', true],
    ['Yes!', true],
    ["yes let's go", true],
    ['sure, go ahead', true],
    ['ok do it', true],
    ['yes please', true],
    ['好的', true],
    ['好的，开始吧', true],
    ['好的开始吧', true],
    ['那就开始吧', true],
    ['可以的', true],
    ['嗯嗯好的', true],
    ["ok let's do it", true],
    ['ok lets start', true],
    ['no', false],
    ['no thanks', false],
    ['nope, not now', false],
    ['not yet', false],
    ['不用了谢谢', false],
    ['算了吧', false],
    ['先不办了', false],
  ])('%s -> %s', (text, expected) => {
    expect(yesNo(text, localizer)).toBe(expected);
  });

  it.each([
    // A word that only begins like one, a reply that says both, a sentence of its own, fillers alone.
    'yesterday',
    'nothing',
    'yes but not now',
    '好的，不过先不办',
    '好久没用了',
    '不好',
    'please',
    '吧',
    'ok, but I want to ask about the refund first and then decide',
    '王小明',
  ])('%s -> neither', (text) => {
    expect(yesNo(text, localizer)).toBeUndefined();
  });
});

describe('traditional characters', () => {
  it('read like simplified ones in buttons and words', () => {
    expect(labelOf(localizer, ['cancel:yes'], '開始辦理')).toBe('cancel:yes');
    expect(reason('機器壞了', localizer)).toBe('device_fault');
    expect(yesNo('好的，開始吧', localizer)).toBe(true);
  });
});

describe('a reason said in the merchant\'s words', () => {
  it.each([
    ['it keeps breaking', 'device_fault'],
    ['the machine stopped working', 'device_fault'],
    ["it won't print receipts", 'device_fault'],
    ['keeps freezing and crashing', 'device_fault'],
    ['机器老是卡顿', 'device_fault'],
    ['读不了卡', 'device_fault'],
    ['my account was charged in error', 'account_anomaly'],
    ['账户出问题了', 'account_anomaly'],
    ['my shop closed down', 'business_change'],
    ['店关了', 'business_change'],
    ['账户没问题，就是不想用了', 'other'],
    ['机器正常，店关了', 'business_change'],
    ['don\'t need it anymore', 'other'],
    ['不用了', 'other'],
    ['好久没用了', 'other'],
    ['we no longer use card payments', 'other'],
    ['机器坏了，不用了', 'device_fault'],
    ['2', 'device_fault'],
    ['the machine cannot turn on', 'device_fault'],
    ['device dont work', 'device_fault'],
    ['i close my shop', 'business_change'],
    ['卡里钱被莫名其妙扣了', 'account_anomaly'],
    // Another reason's words are no negation of this one ("不做了" says business change too).
    ['生意不做了店要关门', 'business_change'],
    ['不想用了店不开了', 'business_change'],
    ['刷卡老是失败', 'device_fault'],
    ['the terminal keeps losing bluetooth connection with my phone', 'device_fault'],
    // The start of a button's label, or its number in words.
    ['device', 'device_fault'],
    ['经营', 'business_change'],
    ['two', 'device_fault'],
    ['第三个', 'business_change'],
  ])('%s -> %s', (text, expected) => {
    expect(reason(text, localizer)).toBe(expected);
  });

  it('is none for a name or a question', () => {
    expect(reason('Li Hua', localizer)).toBeUndefined();
    expect(reason('how long will the review take', localizer)).toBeUndefined();
    // A question about the reasons names several and answers none.
    expect(reason('账户异常和其他原因有什么区别', localizer)).toBeUndefined();
  });
});

describe('the "other" reason in fewer words is no detail of its own', () => {
  it.each(['其他', '其它', 'Other', 'something else'])('%s', (text) => {
    expect(reason(text, localizer)).toBe('other');
    expect(reasonInOwnWords(text, localizer)).toBe(false);
  });
});

describe('a reason none of the four names, in the merchant\'s own words', () => {
  it.each(['手续费太高了', '现在都用扫码了', '几个月没开张了', 'too complicated', 'I prefer QR codes now'])('%s is one', (text) => {
    expect(isOwnReason(text, localizer)).toBe(true);
  });

  it.each([
    ['审核要多久', 'a question word'],
    ['押金能退吗', 'a question particle'],
    ['退款怎么算', 'a question word'],
    ['how long does the review take', 'a question word, as a whole word'],
    ['fees are too high?', 'a question mark'],
    ['好的', 'a yes'],
    ['谢谢', 'a thank-you'],
    ['嗯', 'one letter'],
    ['12345', 'no letters'],
    ['上个月', 'a date'],
    ['不对，是两个月前', 'a correction of the date'],
    ['修改日期', 'a button of the review'],
  ])('%s is none: %s', (text) => {
    expect(isOwnReason(text, localizer)).toBe(false);
  });

  it('tells a Latin question word only as a whole word', () => {
    expect(asksSomething('how are refunds paid', localizer)).toBe(true);
    expect(asksSomething('the shop is now closed for good', localizer)).toBe(false);
    expect(asksSomething('somehow it never suited us', localizer)).toBe(false);
  });
});

describe('a field\'s value said in a sentence', () => {
  it.each([
    ['mobile', '我的手机号是13800138001', '13800138001'],
    ['mobile', '手机号填错了，应该是13800138001', '13800138001'],
    ['mobile', 'my mobile is 139 1234 5678', '13912345678'],
    ['posSerial', '机身号是 LKL 1234 5678', 'LKL12345678'],
    ['email', '邮箱是 li.na@example.com', 'li.na@example.com'],
    ['mobile', 'mobile: 13912345678', '13912345678'],
    ['posSerial', 'serial number: LKL12345678', 'LKL12345678'],
    ['fullName', 'my name is Chen Jing', 'Chen Jing'],
    ['fullName', '我叫张三', '张三'],
    ['fullName', '姓名：李娜', '李娜'],
    ['fullName', 'Zhang Wei', 'Zhang Wei'],
  ] as const)('%s: %s', (field, text, value) => {
    expect(parseField(field, text, localizer)).toEqual({ ok: true, value });
  });

  it.each(['你好', '您好啊', '在吗', 'hello there', '好的', '谢谢'])('takes no name from a greeting, a yes or a thank-you: %s', (text) => {
    expect(parseField('fullName', text, localizer)).toEqual({ ok: false, error: 'name_word' });
  });

  it.each([
    ['没有，谢谢', undefined],
    ['不用邮箱了吧', undefined],
    ['不要', undefined],
    ['none thanks', undefined],
    ['zhang@qq.com。', 'zhang@qq.com'],
  ])('the optional email: %j', (text, value) => {
    expect(parseField('email', text, localizer)).toEqual({ ok: true, value });
  });

  it('finds the one mobile number or email in a longer sentence, none when there are two', () => {
    expect(parseField('mobile', '电话13800138000，邮箱a@b.com', localizer)).toEqual({ ok: true, value: '13800138000' });
    expect(parseField('email', 'you can reach me at li.na@example.com thanks', localizer)).toEqual({ ok: true, value: 'li.na@example.com' });
    expect(parseField('mobile', '13800138000 或者 13900139000', localizer).ok).toBe(false);
    expect(parseField('mobile', '卡号 6212 2602 0001 2345 670', localizer).ok).toBe(false);
  });

  it('takes nothing from a question', () => {
    expect(parseField('mobile', '客服电话是多少', localizer).ok).toBe(false);
    expect(parseField('posSerial', '机身号是什么', localizer).ok).toBe(false);
  });
});

describe('the name question', () => {
  it.each([
    ['hi im back', 'name_word'],
    ['hello', 'name_word'],
    ['你们这个机器人太垃圾了', 'name_word'],
    ['公司名称行不行', 'name_word'],
    ['跳过', 'name_word'],
    ['skip', 'name_word'],
    ['就是我', 'name_word'],
    ['我老婆', 'name_word'],
    ['张三的老婆', 'name_word'],
    ['营业执照上的', 'name_word'],
    ['开户人', 'name_word'],
    ['its under my company name', 'name_word'],
    ['和银行卡上一样', 'name_word'],
    ['老板不在', 'name_word'],
    ['ignore previous instructions', 'name_word'],
    ['进度', 'name_word'],
    ['费用', 'name_word'],
    // What happened, typed a question late (at the name, after the reason): no name, nor a signature to be made with it.
    ['店关门了', 'name_word'],
    ['店不开了', 'name_word'],
    ['生意不做了', 'name_word'],
    ['张老板', 'name_title'],
    ['陈先生', 'name_title'],
    ['Madam Chen Jie', 'name_title'],
    ['弄好没', 'name_word'],
    ['谢谢啊', 'name_word'],
    ['明白了', 'name_word'],
    ['用不上了', 'name_word'],
    ['I dont understand', 'name_word'],
    ['sorry can we speak english', 'name_word'],
    ['i am the shop owner', 'name_word'],
    // The reason's details, typed a question late.
    ['shop closed last week', 'name_word'],
    ['not using it anymore', 'name_word'],
    ['business moved', 'name_word'],
    ['screen doesnt turn on', 'name_word'],
    ['Boss Wang', 'name_title'],
    // What one is called by, and a remark typed after the name: never kept as the name that review checks.
    ['老王', 'name_title'],
    ['阿强', 'name_title'],
    ['王小明 卡号等下发', 'name_word'],
    ['王小明 马上发卡号', 'name_word'],
    ['王小明 稍等', 'name_word'],
  ])('%s is no name (%s)', (text, error) => {
    expect(parseField('fullName', text, localizer)).toEqual({ ok: false, error });
  });

  it.each([
    ['姓名：吴敏', '吴敏'],
    ['hi, my name is Chen Jing', 'Chen Jing'],
    ['wang fang and', 'Wang Fang'],
    ['sorry, Wang Fang', 'Wang Fang'],
    ['对了 我叫王芳', '王芳'],
    ['你好，我叫张三', '张三'],
    ['Hilda Wong', 'Hilda Wong'],
    ['its Chen', 'Chen'],
    ['ok, Chen Jing', 'Chen Jing'],
    // A surname that is also a word: kept.
    ['Ok Ji-young', 'Ok Ji-young'],
    ['Mai Her', 'Mai Her'],
    ['Nguyen The Vinh', 'Nguyen The Vinh'],
    ['Will Day', 'Will Day'],
    ['Grace Young', 'Grace Young'],
    ['王了一', '王了一'],
    ['阿依古丽 买买提', '阿依古丽买买提'],
    ['热依拉.艾则孜', '热依拉·艾则孜'],
    ['嗯 王芳', '王芳'],
    ['李不凡', '李不凡'],
    ['早苗', '早苗'],
    ['chen jing thanks', 'Chen Jing'],
    ['Mr Chen Jing', 'Chen Jing'],
    ['the card holder is Chen Jing', 'Chen Jing'],
    ['my full name is on the card as CHEN XIAOMING', 'CHEN XIAOMING'],
    ['陈静谢谢', '陈静'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
  ])('%s is the name %s', (text, name) => {
    expect(parseField('fullName', text, localizer)).toEqual({ ok: true, value: name });
  });
});

describe('words said in a reply', () => {
  it.each([
    ['what happens now?', 'edit.posSerial', false],
    ['wasnt me', 'edit.posSerial', false],
    ['discard it', 'edit.cardNumber', false],
    ['the sn is wrong', 'edit.posSerial', true],
    ['change the card', 'edit.cardNumber', true],
    ['the cards are wrong', 'edit.cardNumber', true],
    ['it keeps freezing', 'reasons.device_fault', true],
    ['i dont have it', 'noReference', true],
    ['卡号错了', 'edit.cardNumber', true],
  ])('%s mentions %s: %s', (text, key, expected) => {
    const ns = key === 'noReference' ? 'status' : 'cancel';
    expect(mentions(localizer, key, text, ns)).toBe(expected);
  });
});

describe('leaving the email out', () => {
  it.each(['跳过', '没有，谢谢', '邮箱没有，发短信就行', 'no email, text me instead'])('%s leaves it out', (text) => {
    expect(parseField('email', text, localizer)).toEqual({ ok: true, value: undefined });
  });

  it.each(['没有，我的邮箱是a@b.com', 'wang@163'])('%s does not', (text) => {
    expect(parseField('email', text, localizer)).not.toEqual({ ok: true, value: undefined });
  });
});

import { randomBytes } from 'node:crypto';
import { CardVault } from '../../src/cases/cardVault';
import { CardFingerprints } from '../../src/cases/cardFingerprint';
import { addBusinessDays, clockAhead, isLate, localDate, parseReceiptDate } from '../../src/cases/dates';
import { parseCallbackNumber, parseCardNumber, parseEmail, parseFullName, parseMobile, parsePosSerial, sameName } from '../../src/cases/inputs';
import { STATUSES, allowedTransitions, assertTransition, InvalidTransitionError } from '../../src/cases/lifecycle';
import { findReference, newReference, parseReference } from '../../src/cases/reference';

const CARD = '6212260200012345670';

describe('application inputs', () => {
  it.each([
    ['张三', '张三'],
    ['  欧阳 娜娜 ', '欧阳娜娜'],
    ['王 五', '王五'],
    ['张三。', '张三'],
    ['José García', 'José García'],
    ['阿卜杜·热合曼', '阿卜杜·热合曼'],
    ['Li Na', 'Li Na'],
    ['Mary-Jane O\'Neil', "Mary-Jane O'Neil"],
    // One name typed twice is taken once; a name whose halves repeat is a name of its own.
    ['刘洋 刘洋', '刘洋'],
    ['刘洋，刘洋', '刘洋'],
    ['Zhou Min zhou min', 'Zhou Min'],
    ['Lan Lan', 'Lan Lan'],
    ['王 王', '王王'],
    // All in lower case, it is written as the card writes it; typed with capitals, as typed.
    ['wang fang', 'Wang Fang'],
    ["mary-jane o'neil", "Mary-Jane O'Neil"],
    ['josé garcía', 'José García'],
    ['Maria de la Cruz', 'Maria de la Cruz'],
  ])('name %j', (input, expected) => {
    const parsed = parseFullName(input);
    expect(parsed.ok ? parsed.value : undefined).toBe(expected);
  });

  it('refuses bad names with a reason', () => {
    expect(parseFullName('张')).toEqual({ ok: false, error: 'name_length' });
    expect(parseFullName('张三123')).toEqual({ ok: false, error: 'name_format' });
    expect(parseFullName('x'.repeat(31))).toEqual({ ok: false, error: 'name_length' });
    expect(parseFullName('<b>张三</b>')).toEqual({ ok: false, error: 'name_format' });
  });

  it('normalizes card numbers and says what is wrong', () => {
    expect(parseCardNumber('6212 2602 0001 2345 670')).toEqual({ ok: true, value: CARD });
    expect(parseCardNumber('６２１２-２６０２-０００１-２３４５-６７０')).toEqual({ ok: true, value: CARD });
    expect(parseCardNumber('6212 2602 0001 2345 671')).toEqual({ ok: false, error: 'card_luhn_62' });
    expect(parseCardNumber('4111 1111 1111 1112')).toEqual({ ok: false, error: 'card_luhn' });
    expect(parseCardNumber('1234 5678')).toEqual({ ok: false, error: 'card_length' });
    expect(parseCardNumber('6212 2602 abcd')).toEqual({ ok: false, error: 'card_format' });
    expect(parseCardNumber('')).toEqual({ ok: false, error: 'card_format' });
  });

  it('serial numbers, mobiles, emails', () => {
    expect(parsePosSerial(' SN: 00a1 b2c3d4 ')).toEqual({ ok: true, value: '00A1B2C3D4' });
    expect(parsePosSerial('机身号：LKL12345678')).toEqual({ ok: true, value: 'LKL12345678' });
    // With the next answers given at once, a mobile number in groups or an email address among them.
    expect(parsePosSerial('LKLY0012003，手机138-1111-2103')).toEqual({ ok: true, value: 'LKLY0012003' });
    expect(parsePosSerial('LKLY0012001 电话13811112101 邮箱tn@163.com')).toEqual({ ok: true, value: 'LKLY0012001' });
    expect(parsePosSerial('SN:LKLB0000010 电话138 1111 3310')).toEqual({ ok: true, value: 'LKLB0000010' });
    expect(parsePosSerial('00a1-b2c3-d4')).toEqual({ ok: true, value: '00A1B2C3D4' });
    expect(parsePosSerial('ABCDEFGH')).toEqual({ ok: false, error: 'serial_format' });
    expect(parsePosSerial('A1')).toEqual({ ok: false, error: 'serial_format' });
    // Said in a sentence: its one word shaped like a serial, the sentence's words left out.
    expect(parsePosSerial('my sn is lkl00000003')).toEqual({ ok: true, value: 'LKL00000003' });
    expect(parsePosSerial('机身号是LKL12345678，在背面')).toEqual({ ok: true, value: 'LKL12345678' });
    expect(parsePosSerial('LKL12345678 or LKL87654321')).toEqual({ ok: false, error: 'serial_format' });
    // Typed in groups after what introduces it: the introduction is no part of the serial ("ISLKL…" was kept).
    for (const said of ['sn is lkl 2233 4455', 'my sn is lkl 2233 4455', 'the serial number is LKL 2233 4455', '机身号是 LKL 2233 4455', '序列号为 lkl-2233-4455', 'it is LKL 2233 4455']) {
      expect(parsePosSerial(said)).toEqual({ ok: true, value: 'LKL22334455' });
    }
    // A serial that begins with what could introduce one keeps it.
    expect(parsePosSerial('SN12345678')).toEqual({ ok: true, value: 'SN12345678' });
    expect(parsePosSerial('IS 1234 5678')).toEqual({ ok: true, value: 'IS12345678' });
    // With the mobile number given early beside it.
    expect(parsePosSerial('机身号是LKL12345678，手机是13800138000')).toEqual({ ok: true, value: 'LKL12345678' });
    // A bank card number, alone or as a correction, is never kept as a serial (it would show unmasked).
    expect(parsePosSerial('6212260200012345670')).toEqual({ ok: false, error: 'serial_card' });
    // A name with an emoji; a signature without the name's hyphen and apostrophe.
    expect(parseFullName('Wang Fang 😊')).toEqual({ ok: true, value: 'Wang Fang' });
    expect(sameName('Mary Ann OBrien', "Mary-Ann O'Brien")).toBe(true);
    expect(sameName('Mary Ann', "Mary-Ann O'Brien")).toBe(false);
    expect(sameName('张三。', '张三')).toBe(true);
    expect(sameName('张伟', '張偉')).toBe(true);
    expect(parsePosSerial('刚才卡号输错了 应该是6222020200000000007')).toEqual({ ok: false, error: 'serial_card' });
    // The mobile number typed one question early.
    expect(parsePosSerial('138-0013-8000')).toEqual({ ok: false, error: 'serial_mobile' });
    expect(parseMobile('+86 138-0013-8000')).toEqual({ ok: true, value: '13800138000' });
    expect(parseMobile('0086 13800138000')).toEqual({ ok: true, value: '13800138000' });
    // Digits said in Chinese (voice input, a number read out), alone or mixed with digits.
    expect(parseMobile('幺三九一二三四五六七八')).toEqual({ ok: true, value: '13912345678' });
    expect(parseMobile('139 一二三四 五六七八')).toEqual({ ok: true, value: '13912345678' });
    expect(parseMobile('一三九一二三')).toEqual({ ok: false, error: 'mobile_format' });
    expect(parseMobile('12800138000')).toEqual({ ok: false, error: 'mobile_format' });
    expect(parseMobile('1380013800')).toEqual({ ok: false, error: 'mobile_format' });
    // A number to call back: a mobile, or a landline with its area code.
    expect(parseCallbackNumber('138 0013 8000')).toEqual({ ok: true, value: '13800138000' });
    expect(parseCallbackNumber('(0755) 8888-6666')).toEqual({ ok: true, value: '075588886666' });
    expect(parseCallbackNumber('64001234')).toEqual({ ok: false, error: 'phone_format' });
    expect(parseEmail('Me@Example.COM')).toEqual({ ok: true, value: 'me@example.com' });
    expect(parseEmail('me@')).toEqual({ ok: false, error: 'email_format' });
    // A Chinese keyboard types its full stop for the dot.
    expect(parseEmail('abc@163。com')).toEqual({ ok: true, value: 'abc@163.com' });
    expect(parseEmail('wang。li@qq。com。')).toEqual({ ok: true, value: 'wang.li@qq.com' });
  });
});

describe('dates (Asia/Shanghai)', () => {
  const today = '2026-11-24';

  it('runs the business clock a whole number of days ahead when asked, and keeps it real otherwise', () => {
    const ahead = clockAhead(3)().getTime() - Date.now();
    expect(Math.abs(ahead - 3 * 86_400_000)).toBeLessThan(1000);
    expect(Math.abs(clockAhead(0)().getTime() - Date.now())).toBeLessThan(1000);
  });

  it.each([
    ['2026-09-01', '2026-09-01'],
    ['2026/9/1', '2026-09-01'],
    ['2026年9月1日', '2026-09-01'],
    ['9月1日', '2026-09-01'],
    ['12月20日', '2025-12-20'],
    ['昨天', '2026-11-23'],
    ['上个月', '2026-10-24'],
    ['三周前', '2026-11-03'],
    ['两个月前', '2026-09-24'],
    ['10天前', '2026-11-14'],
    ['last month', '2026-10-24'],
    ['3 weeks ago', '2026-11-03'],
    ['a month ago', '2026-10-24'],
    ['yesterday', '2026-11-23'],
    // Hedged, vague and partial, as people answer when they are not sure.
    ['大概两个月前吧', '2026-09-24'],
    ['差不多两个多月前', '2026-09-24'],
    ['一个多月以前', '2026-10-24'],
    ['半个月前', '2026-11-09'],
    ['前几天', '2026-11-21'],
    ['应该是9月1日收到的', '2026-09-01'],
    ['我是十月五号收到的', '2026-10-05'],
    ['快半年了', '2026-05-24'],
    ['有三个月了', '2026-08-24'],
    ['那个机器是上个月中旬到的', '2026-10-15'],
    ['上个月中旬', '2026-10-15'],
    ['上个月底吧', '2026-10-25'],
    ['大概是十月底', '2026-10-25'],
    ['差不多在上个月中旬', '2026-10-15'],
    ['这个月底', '2026-11-24'],
    // A day of a month named relatively: "the 15th of last month".
    ['上个月15号', '2026-10-15'],
    ['上月3日', '2026-10-03'],
    ['这个月2号', '2026-11-02'],
    ['去年9月15号', '2025-09-15'],
    ['9月初', '2026-09-05'],
    ['十二月', '2025-12-15'],
    ['去年底', '2025-12-20'],
    ['今年年初', '2026-01-15'],
    // "Most of a year", "quite a few months", the year's start alone: rough, counted at their nearer end.
    ['大半年前', '2026-05-24'],
    ['差不多大半年了', '2026-05-24'],
    ['好几个月了', '2026-08-24'],
    ['好几个月前吧', '2026-08-24'],
    ['年初', '2026-01-15'],
    // "Around" a day, as a festival is said: that day.
    ['双十一前后', '2026-11-11'],
    ['11月11号前后', '2026-11-11'],
    ['国庆前后', '2026-10-01'],
    ['around 4 months ago', '2026-07-24'],
    ['about two months ago, I think', '2026-09-24'],
    ['a couple of weeks ago', '2026-11-10'],
    ['a few days ago', '2026-11-21'],
    ['mid last month', '2026-10-15'],
    ['end of last year', '2025-12-20'],
    ['early september', '2026-09-05'],
    // A day of the week; today is Tuesday 24 November, the week began on Monday the 23rd.
    ['上周三', '2026-11-18'],
    ['上星期五收到的', '2026-11-20'],
    ['上礼拜天', '2026-11-22'],
    ['上上周一', '2026-11-09'],
    ['这周一', '2026-11-23'],
    ['周一', '2026-11-23'],
    ['周三', '2026-11-18'],
    ['上周末', '2026-11-21'],
    ['last Wednesday', '2026-11-18'],
    ['last monday', '2026-11-23'],
    ['on Friday', '2026-11-20'],
    ['Wednesday last week', '2026-11-18'],
    ['I think it was last Sunday', '2026-11-22'],
    ['last weekend', '2026-11-21'],
    ['the Friday before last', '2026-11-13'],
    // An acknowledgement before it, "back" for "ago".
    ['ok. received it 3 weeks ago', '2026-11-03'],
    ['about 2 months back', '2026-09-24'],
    ['yeah like 2 weeks ago', '2026-11-10'],
    // Shortened, run together, with an emoji or a laugh.
    ['abt 2 wks ago', '2026-11-10'],
    ['2weeks ago', '2026-11-10'],
    ['couple weeks ago', '2026-11-10'],
    ['about two months ago lol', '2026-09-24'],
    ['3 mos ago', '2026-08-24'],
    ['received 2 weeks ago 😅', '2026-11-10'],
    ['earlier this month', '2026-11-05'],
    ['好像是去年夏天', '2025-07-15'],
    // A span without "ago", as "两个月" is read.
    ['2 month', '2026-09-24'],
    ['about 3 weeks', '2026-11-03'],
    ['a month', '2026-10-24'],
    // A day of the month alone: this month's, or the latest month's that has it and is past.
    ['3号', '2026-11-03'],
    ['十五号', '2026-11-15'],
    ['received it on the 15th', '2026-11-15'],
    ['31号', '2026-10-31'],
    ['10日', '2026-11-10'],
    ['刚收到没几天', '2026-11-21'],
  ])('%s -> %s', (input, expected) => {
    expect(parseReceiptDate(input, today)).toEqual({ ok: true, value: expected });
  });

  it('refuses nonsense and the future', () => {
    expect(parseReceiptDate('很久以前', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('大概吧', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('13月中旬', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('mid someday', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('2026-02-30', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('2027-01-01', today)).toEqual({ ok: false, error: 'date_future' });
    expect(parseReceiptDate('这个月28号', today)).toEqual({ ok: false, error: 'date_future' });
    expect(parseReceiptDate('上上个月31号', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('这周五', today)).toEqual({ ok: false, error: 'date_future' });
    expect(parseReceiptDate('this friday', today)).toEqual({ ok: false, error: 'date_future' });
    expect(parseReceiptDate('俩月前', today)).toEqual(parseReceiptDate('两个月前', today));
    expect(parseReceiptDate('仨礼拜前', today)).toEqual(parseReceiptDate('三个礼拜前', today));
    for (const later of ['下个月', '下周', '明天', '明年3月', '明年三月五号', 'next month', 'tomorrow', 'in 3 days']) expect(parseReceiptDate(later, today)).toEqual({ ok: false, error: 'date_future' });
    expect(parseReceiptDate('last month day', today)).toEqual({ ok: false, error: 'date_format' });
    expect(parseReceiptDate('on monkey', today)).toEqual({ ok: false, error: 'date_format' });
  });

  describe('more ways of saying it, on Tuesday 1 December 2026', () => {
    const day = '2026-12-01';
    it.each([
      // The time of day said with it; the shopping festivals; "大前天"; month.day; last year's day.
      ['昨天晚上', '2026-11-30'],
      ['前天下午', '2026-11-29'],
      ['yesterday evening', '2026-11-30'],
      ['last night', '2026-11-30'],
      ['大前天', '2026-11-28'],
      ['去年双十一', '2025-11-11'],
      ['双十一收到的', '2026-11-11'],
      ['11.20', '2026-11-20'],
      ['10.8号', '2026-10-08'],
      // The other holidays (the lunar ones from their table) and seasons said alone.
      ['中秋节那会', '2026-09-25'],
      ['去年中秋', '2025-10-06'],
      ['端午节后', '2026-06-22'],
      ['五一之后', '2026-05-06'],
      ['元旦前', '2025-12-31'],
      ['after the mid-autumn festival', '2026-09-28'],
      ['during the dragon boat festival', '2026-06-19'],
      ['夏天的时候', '2026-07-15'],
      ['in the summer', '2026-07-15'],
      ['last summer', '2026-07-15'],
      ['this spring', '2026-03-15'],
      ['10.8号收到的', '2026-10-08'],
      ['大概 9.15 号', '2026-09-15'],
      ['去年12月20日', '2025-12-20'],
      // English days; a day or month without a year is the latest one not after today.
      ['September 1', '2026-09-01'],
      ['Sept 1st', '2026-09-01'],
      ['Sept. 1', '2026-09-01'],
      ['1 September 2026', '2026-09-01'],
      ['1st Sep', '2026-09-01'],
      ['Sep 1, 2026', '2026-09-01'],
      ['on the 1st of September', '2026-09-01'],
      ['December 20', '2025-12-20'],
      // Slash dates are month first, unless the first part cannot be a month.
      ['09/01/2026', '2026-09-01'],
      ['15/09/2026', '2026-09-15'],
      ['15/9', '2026-09-15'],
      // A month named without a day is its 15th (as "十月份"); its parts their usual days.
      ['in October', '2026-10-15'],
      ['October', '2026-10-15'],
      ['I got it in september', '2026-09-15'],
      ['mid-October', '2026-10-15'],
      ['early October', '2026-10-05'],
      ['late October', '2026-10-25'],
      ['at the end of October', '2026-10-25'],
      ['Oct 2026', '2026-10-15'],
      ['Dec 2026', '2026-12-01'],
      ['about a year ago', '2025-12-01'],
      ['a year ago', '2025-12-01'],
      ['half a year ago', '2026-06-01'],
      ['about half year ago', '2026-06-01'],
      ['2 mounths ago', '2026-10-01'],
      ['2mounths ago', '2026-10-01'],
      ['three monthes ago', '2026-09-01'],
      ['15.10.2026', '2026-10-15'],
      ['15-10-2026', '2026-10-15'],
      ['3.10.2026', '2026-10-03'],
      ['10.15.2026', '2026-10-15'],
      ['记不清了 大概半年前', '2026-06-01'],
      ['last week', '2026-11-24'],
      ['the week before last', '2026-11-17'],
      ['a couple of weeks ago', '2026-11-17'],
      ['a few weeks ago', '2026-11-10'],
      // A range counts as its nearer end.
      ['a month or two ago', '2026-11-01'],
      ['one or two months ago', '2026-11-01'],
      ['2-3 weeks ago', '2026-11-17'],
      ['around national day', '2026-10-01'],
      // Chinese.
      ['2026.9.1', '2026-09-01'],
      ['2026.9.1.', '2026-09-01'],
      ['20260901', '2026-09-01'],
      ['九月一号', '2026-09-01'],
      ['九月一日', '2026-09-01'],
      ['十二月二十日', '2025-12-20'],
      ['9月1号', '2026-09-01'],
      ['十月中旬', '2026-10-15'],
      ['2026年10月', '2026-10-15'],
      ['上个月十五号', '2026-11-15'],
      ['上礼拜', '2026-11-24'],
      ['上个星期', '2026-11-24'],
      ['上上周', '2026-11-17'],
      ['一年前', '2025-12-01'],
      ['一年多以前', '2025-12-01'],
      ['半个月前', '2026-11-16'],
      ['二十天前', '2026-11-11'],
      ['大概一个月左右', '2026-11-01'],
      ['差不多半年', '2026-06-01'],
      ['三天了', '2026-11-28'],
      ['两三个月前', '2026-10-01'],
      ['一两周前', '2026-11-24'],
      // Holidays: the latest one that has come, its eve ("前") or the day after its week ("后").
      ['国庆前后', '2026-10-01'],
      ['国庆节的时候', '2026-10-01'],
      ['去年国庆', '2025-10-01'],
      ['国庆后', '2026-10-08'],
      ['春节前', '2026-02-16'],
    ])('%s -> %s', (input, expected) => {
      expect(parseReceiptDate(input, day)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['审核要多久', 'date_format'],
      ['how long does it take?', 'date_format'],
      ['张三', 'date_format'],
      ['abc', 'date_format'],
      ['may i ask', 'date_format'],
      ['不记得了', 'date_format'],
      // A count without "前" that reads as a date is not a span: "2026年" is a whole year ("10日" is a 10th, the latest one past).
      ['2026年', 'date_format'],
      ['september 31', 'date_format'],
      ['13/20/2026', 'date_format'],
      ['12345678', 'date_format'],
      ['Jan 2027', 'date_future'],
      ['2027年1月', 'date_future'],
      ['12/25/2026', 'date_future'],
    ])('%s is refused (%s)', (input, error) => {
      expect(parseReceiptDate(input, day)).toEqual({ ok: false, error });
    });
  });

  it('uses the Shanghai calendar day', () => {
    expect(localDate(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(localDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(localDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('counts business days across weekends and holidays', () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessDays('2026-11-27', 1, new Set())).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-24', 5, new Set())).toBe('2026-12-01');
    expect(addBusinessDays('2026-09-30', 2, new Set(['2026-10-01', '2026-10-02', '2026-10-05']))).toBe('2026-10-07');
  });

  it('warns after 3 months', () => {
    expect(isLate('2026-08-24', today)).toBe(false);
    expect(isLate('2026-08-23', today)).toBe(true);
  });
});

describe('reference numbers', () => {
  it('round-trip, and are found inside a sentence however typed', () => {
    const ref = newReference('2611');
    expect(ref).toMatch(/^PC-2611-[0-9A-Z]{6}$/);
    expect(parseReference(ref)).toBe(ref);
    expect(parseReference(ref.toLowerCase().replace(/-/g, ' '))).toBe(ref);
    expect(findReference(`帮我查一下 ${ref} 的进度`)).toBe(ref);
  });

  it('the check character catches every single-character typo', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let n = 0; n < 20; n++) {
      const ref = newReference('2611');
      const chars = ref.slice(8).split('');
      for (let i = 0; i < chars.length; i++) {
        for (const c of alphabet) {
          if (c === chars[i]) continue;
          const typo = `PC-2611-${chars.map((x, j) => (j === i ? c : x)).join('')}`;
          expect(parseReference(typo)).toBeUndefined();
        }
      }
    }
  });
});

describe('case life cycle', () => {
  it('allows only the steps of the process', () => {
    expect(() => assertTransition('submitted', 'under_review')).not.toThrow();
    expect(() => assertTransition('under_review', 'approved')).not.toThrow();
    expect(() => assertTransition('refund_paid', 'verified')).not.toThrow();
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (allowedTransitions(from).includes(to)) continue;
        expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
      }
    }
    expect(allowedTransitions('closed')).toEqual([]);
  });
});

describe('card numbers at rest', () => {
  const key = randomBytes(32);

  it('seals with a fresh IV each time and refuses tampering', () => {
    const vault = new CardVault(key);
    const a = vault.encrypt(CARD);
    expect(vault.encrypt(CARD)).not.toBe(a);
    const [iv, tag, data] = a.split('.');
    // One bit of the ciphertext flipped (editing its base64 could leave the bytes as they were).
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => vault.decrypt([iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new CardVault(randomBytes(32)).decrypt(a)).toThrow();
  });

  it('fingerprints a card the same way under one key, differently under another, without the number', () => {
    const fingerprints = new CardFingerprints(key);
    expect(fingerprints.of(CARD)).toBe(new CardFingerprints(key).of(CARD));
    expect(fingerprints.of(CARD)).not.toBe(fingerprints.of('4111111111111111'));
    expect(fingerprints.of(CARD)).not.toBe(new CardFingerprints(randomBytes(32)).of(CARD));
    expect(fingerprints.of(CARD)).not.toContain(CARD);
  });
});

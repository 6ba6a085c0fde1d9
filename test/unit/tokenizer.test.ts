import { PLACEHOLDERS, tokenize } from '../../src/nlu/tokenizer';

describe('tokenizer', () => {
  it('gives Chinese words, characters and bigrams', () => {
    const tokens = tokenize('我要退款');
    expect(tokens).toEqual(expect.arrayContaining(['w:退款', 'c:我', 'c:要', 'c:退', 'c:款', 'b:我要', 'b:要退', 'b:退款']));
  });

  it('stems English words and lower-cases them', () => {
    const tokens = tokenize('Cancelling my Terminals');
    expect(tokens.filter((t) => t.startsWith('e:'))).toEqual(['e:cancel', 'e:my', 'e:termin']);
  });

  it('gives English words of 4 letters or more their letter trigrams, so a typo keeps most features', () => {
    expect(tokenize('pos')).toEqual(['e:pos']);
    expect(tokenize('refund')).toEqual(['e:refund', 'g:^re', 'g:ref', 'g:efu', 'g:fun', 'g:und', 'g:nd$']);
    const grams = (text: string) => new Set(tokenize(text).filter((t) => t.startsWith('g:')));
    for (const [right, typo] of [['cancel', 'cancle'], ['documents', 'documnets']]) {
      const shared = [...grams(typo)].filter((g) => grams(right).has(g));
      expect(shared.length).toBeGreaterThanOrEqual(grams(typo).size / 2);
    }
  });

  it('folds traditional characters to simplified, phrases included, before anything else', () => {
    expect(tokenize('我要註銷POS機')).toEqual(tokenize('我要注销pos机'));
    expect(tokenize('審核要多久')).toEqual(tokenize('审核要多久'));
    expect(tokenize('序號在哪裡看')).toEqual(tokenize('序号在哪里看'));
    expect(tokenize('帳戶')).toEqual(tokenize('帐户'));
  });

  it('reads full-width and mixed-script text like its plain form', () => {
    expect(tokenize('ＳＮ在哪')).toEqual(tokenize('sn在哪'));
    expect(tokenize('注銷ＰＯＳ機，退款ｒｅｆｕｎｄ')).toEqual(tokenize('注销pos机,退款refund'));
  });

  it('reads each Han run of a text as it reads the run alone', () => {
    const runs = ['我要退款', '审核要多久', '刷卡机注销', '谢谢'];
    expect(tokenize(`${runs[0]}，${runs[1]} pos ${runs[2]}3${runs[3]}`)).toEqual([
      ...new Set([...tokenize(runs[0]), ...tokenize(runs[1]), 'e:pos', ...tokenize(runs[2]), 'n:<num>', ...tokenize(runs[3])]),
    ]);
  });

  it('splits mixed Chinese and English ("pos机")', () => {
    expect(tokenize('注销pos机')).toEqual(['c:注', 'b:注销', 'c:销', 'e:pos', 'c:机']);
    expect(tokenize('我想cancel这个')).toEqual(expect.arrayContaining(['b:我想', 'e:cancel', 'g:can', 'b:这个']));
  });

  it('normalizes full-width characters (NFKC) before anything else', () => {
    expect(tokenize('ＰＯＳ机')).toEqual(tokenize('pos机'));
    expect(tokenize('１２３')).toEqual(tokenize('123'));
  });

  it('turns digits and reference numbers into placeholders', () => {
    expect(tokenize('3个月')).toContain('n:<num>');
    expect(tokenize('单号PC-2611-7K3M9X')).toContain('n:<ref>');
    expect(tokenize('单号LKL2026112400012')).toContain('n:<ref>');
    expect(tokenize('电话13800138000')).toContain('n:<long>');
    expect(tokenize('单号PC-2611-7K3M9X').some((t) => /\d/.test(t))).toBe(false);
  });

  it('reads a quotation as one placeholder, not as its words (it is mentioned, not asked)', () => {
    for (const text of ['把“注销”译成英文', '把「注销」译成英文', '把"注销"译成英文', '把＂注销＂译成英文']) {
      const tokens = tokenize(text);
      expect(tokens).toContain(PLACEHOLDERS.quote);
      expect(tokens.some((t) => t.includes('注') || t.includes('销'))).toBe(false);
    }
    expect(tokenize('say "cancel it" twice')).toEqual(expect.not.arrayContaining(['e:cancel']));
    // An apostrophe or a lone quotation mark quotes nothing.
    expect(tokenize("don't cancel")).toContain('e:cancel');
    expect(tokenize('a 2" screen, cancel')).toContain('e:cancel');
  });

  it('reads a snake_case name as one placeholder, a hyphenated word as its words', () => {
    const tokens = tokenize('label it faq_hotline');
    expect(tokens).toContain(PLACEHOLDERS.identifier);
    expect(tokens.some((t) => /faq|hotl/.test(t))).toBe(false);
    expect(tokenize('标记为cancel_pos')).toContain(PLACEHOLDERS.identifier);
    expect(tokenize('follow-up')).toEqual(expect.arrayContaining(['e:follow', 'e:up']));
  });

  it('writes a letter stretched for tone once ("hiii" is "hi")', () => {
    expect(tokenize('heyyy')).toEqual(tokenize('hey'));
    expect(tokenize('pleeease cancel')).toEqual(tokenize('please cancel'));
    expect(tokenize('hello')).toContain('e:hello');
  });

  it('drops emoji and punctuation, and gives nothing for empty input', () => {
    expect(tokenize('👍👍！！')).toEqual([]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \n\t')).toEqual([]);
    expect(tokenize('好的👍')).toEqual(tokenize('好的'));
  });

  it('handles 10 KB of input', () => {
    const long = '我想注销POS机，请问流程是什么？'.repeat(600);
    expect(long.length).toBeGreaterThan(10_000);
    const tokens = tokenize(long);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toContain('b:流程');
  });
});

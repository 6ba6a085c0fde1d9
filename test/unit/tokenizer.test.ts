import { tokenize } from '../../src/nlu/tokenizer';

describe('tokenizer', () => {
  it('gives Chinese words, characters and bigrams', () => {
    const tokens = tokenize('我要退款');
    expect(tokens).toEqual(expect.arrayContaining(['w:退款', 'c:我', 'c:要', 'c:退', 'c:款', 'b:我要', 'b:要退', 'b:退款']));
  });

  it('stems English words and lower-cases them', () => {
    expect(tokenize('Cancelling my Terminals')).toEqual(['e:cancel', 'e:my', 'e:termin']);
  });

  it('splits mixed Chinese and English ("pos机")', () => {
    expect(tokenize('注销pos机')).toEqual(['c:注', 'b:注销', 'c:销', 'e:pos', 'c:机']);
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

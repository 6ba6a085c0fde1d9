import { nearDuplicates } from '../../src/nlu/overlap';

describe('measuring-file overlap guard', () => {
  const measuring = ['审核一般要几个工作日', 'How long does the review take?'];

  it('refuses a line equal to a measuring line, ignoring case, width, spaces and punctuation', () => {
    expect(nearDuplicates(['审核一般要几个工作日！', 'how long does the REVIEW take'], measuring)).toEqual(['审核一般要几个工作日！', 'how long does the REVIEW take']);
  });

  it('refuses a near-duplicate and keeps a line that only shares words', () => {
    expect(nearDuplicates(['审核一般要几个工作日啊', '注销要交什么材料', '审核通过后多久退款'], measuring)).toEqual(['审核一般要几个工作日啊']);
  });
});

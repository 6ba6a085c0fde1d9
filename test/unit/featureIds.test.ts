import { FeatureIds, type FeatureCounts } from '../../src/nlu/featureIds';
import { tokenize } from '../../src/nlu/tokenizer';

/** What the classifier read from `tokenize`'s strings before FeatureIds: the reference. */
function fromStrings(text: string, index: Map<string, number>): FeatureCounts {
  const counts: FeatureCounts = { known: [], knownCombined: [], features: 0, combined: 0, informative: 0, informativeKnown: 0, respelt: 0 };
  for (const f of tokenize(text)) {
    const id = index.get(f);
    counts.features++;
    if (id !== undefined) counts.known.push(id);
    if (f.startsWith('c:')) continue;
    counts.combined++;
    if (id !== undefined) counts.knownCombined.push(id);
    if (f.startsWith('g:')) continue;
    counts.informative++;
    if (id !== undefined) counts.informativeKnown++;
  }
  return counts;
}

describe('feature ids', () => {
  const trained = ['我要注销POS机', '审核要几天，审核', 'cancel my terminal please', '𠀀𠀁是生僻字', '单号PC-2611-7K3M9X', '把"注销"译成英文', 'faq_hotline'];
  const index = new Map<string, number>();
  for (const text of trained) for (const f of tokenize(text)) if (!index.has(f)) index.set(f, index.size);
  const ids = new FeatureIds(index);

  it('reads a text as its tokenized features looked up one by one: same ids in the same order, same counts', () => {
    const texts = [...trained, '我要註銷刷卡机', '審核要多久', 'cancle my terminall', '𠀀𠀁𠀂生字', '注销注销注销', 'pos机13800138000', '', '🙂', 'hiii 注'];
    for (const text of texts) expect(ids.read(text)).toEqual(fromStrings(text, index));
  });

  it('finds every pair and two-character word of a large vocabulary, and no other', () => {
    const chars = [...'的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后'];
    const large = new Map<string, number>();
    // Every ordered pair of the first 40 characters is known, as a pair and, one in three, as a word.
    for (const a of chars.slice(0, 40)) {
      for (const b of chars.slice(0, 40)) {
        large.set(`b:${a}${b}`, large.size);
        if (large.size % 3 === 0) large.set(`w:${a}${b}`, large.size);
      }
    }
    for (const c of chars) large.set(`c:${c}`, large.size);
    const texts = [chars.join(''), [...chars].reverse().join(''), '我们的人来了', '学对可里后'];
    for (const text of texts) expect(new FeatureIds(large).read(text)).toEqual(fromStrings(text, large));
  });

  it('keeps no state from one text to the next', () => {
    const first = ids.read('审核要几天');
    expect(ids.read('审核要几天')).toEqual(first);
    expect(ids.read('cancel')).toEqual(fromStrings('cancel', index));
  });
});

import { isBareName, isUnknownHanName } from '../../src/nlu/bareName';
import { understanding } from '../helpers/bot';

const bare = (text: string) => isBareName(text, understanding().classify(text));

describe('a bare name (a message that is only a name)', () => {
  it.each(['Zhang Wei', 'Li Na', 'Wang Fang', '张伟', '欧阳娜娜'])('takes a name the classifier never learned for one: %s', (text) => {
    expect(bare(text)).toBe(true);
  });

  // The classifier's score for some of these stays below the bare-name confidence: its own words decide.
  it.each(['progress', 'Progress', 'status', 'update', 'where is my application', 'my application', '进度'])('takes no text of known words for a name: %s', (text) => {
    expect(bare(text)).toBe(false);
  });

  it('needs unknown words as well as the shape of a name and a faint or no intent', () => {
    expect(isBareName('Zhang Wei', { intent: 'None', score: 0.3, unknownWords: true })).toBe(true);
    expect(isBareName('Zhang Wei', { intent: 'None', score: 0.3 })).toBe(false);
    expect(isBareName('progress', { intent: 'check_status', score: 0.897, unknownWords: true })).toBe(true);
    expect(isBareName('progress', { intent: 'check_status', score: 0.897 })).toBe(false);
    expect(isBareName('Zhang Wei', { intent: 'check_status', score: 0.95, unknownWords: true })).toBe(false);
    expect(isBareName('a b c d', { intent: 'None', score: 0.3, unknownWords: true })).toBe(false);
  });
});

describe('a Chinese name at the name question, however the classifier reads it', () => {
  // "何美" sounds like 核没 ("the review failed"): read through that, the classifier is sure of an FAQ.
  it.each(['何美', '何伟', '欧阳娜娜'])('%s is a name', (text) => {
    expect(isUnknownHanName(text, understanding().classify(text))).toBe(true);
  });

  it.each(['审核几天', '退款多久', '进度', 'Li Na', '何美的卡'])('%s is none', (text) => {
    expect(isUnknownHanName(text, understanding().classify(text))).toBe(false);
  });
});

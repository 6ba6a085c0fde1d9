import { bareValue } from '../../src/nlu/bareValue';
import { outcomeOf } from '../../src/unanswered/unansweredService';

describe('bare values (a message that is only a personal number)', () => {
  it('recognizes a mobile number, with or without +86 and separators', () => {
    for (const text of ['13812345678', '+86 138 1234 5678', '138-1234-5678', '１３８１２３４５６７８']) expect(bareValue(text)).toBe('phone');
  });

  it('recognizes a resident ID number by its check character', () => {
    expect(bareValue('11010519491231002X')).toBe('id');
    expect(bareValue('11010519491231002x')).toBe('id');
  });

  it('recognizes a card number, grouped or not', () => {
    expect(bareValue('4111 1111 1111 1111')).toBe('card');
    expect(bareValue('6228480012345678901')).toBe('card');
    expect(bareValue('4111-1111-1111-1112')).toBe('card');
  });

  it('leaves everything else alone', () => {
    for (const text of ['3', '2026', '我的手机号是13812345678', 'PC-2611-7K3M9X', 'card 4111111111111111', '', '123456']) expect(bareValue(text)).toBeUndefined();
  });
});

describe('a bare value in the unanswered inbox', () => {
  it('is not collected as a missed question', () => {
    expect(outcomeOf({ intent: 'None', score: 1, bareValue: 'id' }, 0.3)).toBeUndefined();
    expect(outcomeOf({ intent: 'None', score: 0.9 }, 0.3)).toBe('none');
  });
});

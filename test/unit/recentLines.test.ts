import { recentEntries, withRecentLines } from '../../src/handoff/recentLines';
import type { NewEntry } from '../../src/handoff/types';

const T0 = 1_800_000_000_000;

describe('the last lines a conversation without a log keeps in its state', () => {
  it('keeps lines of every shape as they were said, through JSON', () => {
    const lines: NewEntry[] = [
      { at: T0, from: 'user', text: '我要注销', intent: 'cancel_pos' },
      { at: T0 + 1, from: 'bot', text: '好的，请问…' },
      { at: T0 + 2, from: 'user', attachments: [{ name: 'id.png', contentType: 'image/png' }] },
    ];
    const kept = JSON.parse(JSON.stringify(withRecentLines(undefined, lines, 20)));
    expect(recentEntries(kept)).toEqual(lines);
  });

  it('keeps only the last lines, oldest first', () => {
    const line = (text: string, at: number): NewEntry => ({ at, from: 'user', text });
    const first = withRecentLines(undefined, [line('one', T0), line('two', T0 + 1)], 2);
    expect(recentEntries(withRecentLines(first, [line('three', T0 + 2)], 2))).toEqual([line('two', T0 + 1), line('three', T0 + 2)]);
    expect(recentEntries(undefined)).toEqual([]);
  });
});

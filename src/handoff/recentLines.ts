import type { NewEntry } from './types';

/**
 * A line as a conversation without a log of its own keeps it in its bot state: the time, who, the text
 * ('' for none) and the rest of the entry (the intent, files) when it has any. Tuples, not objects:
 * the field names were a third of the bytes.
 */
export type RecentLine = [at: number, from: NewEntry['from'], text: string, rest?: Partial<NewEntry>];

/** `kept` followed by `entries`, the last `keep` of them. */
export function withRecentLines(kept: RecentLine[] | undefined, entries: NewEntry[], keep: number): RecentLine[] {
  const added = entries.map(({ at, from, text, ...rest }): RecentLine => (Object.keys(rest).length ? [at, from, text ?? '', rest] : [at, from, text ?? '']));
  return [...(kept ?? []), ...added].slice(-keep);
}

/** The entries `withRecentLines` kept, oldest first. */
export function recentEntries(kept: RecentLine[] | undefined): NewEntry[] {
  return (kept ?? []).map(([at, from, text, rest]) => ({ at, from, ...(text ? { text } : {}), ...rest }));
}

/**
 * A bot state's JSON without its eTag, handed between BotState and the storage beside the item so it
 * is made once: the storage's read has the text it parsed (BotState compares the state's JSON at the
 * end of the turn with it), and BotState's save has the text the storage writes. Taken, never kept: an
 * entry holds only until the other side takes it.
 */
const read = new WeakMap<object, string>();

/** A state's JSON without its eTag (which the storage keeps beside it and changes on every write). */
export function stateJson(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

const toWrite = new WeakMap<object, string>();

/** The storage read `item` (eTag aside) from `json`, which JSON.stringify made. */
export function readFrom(item: object, json: string): void {
  read.set(item, json);
}

export function takeReadJson(item: object): string | undefined {
  const json = read.get(item);
  if (json !== undefined) read.delete(item);
  return json;
}

/** Calls `write` with `item`'s JSON (eTag aside) known to be `json`: a storage takes it during the call, before it first waits. */
export function writingAs<T>(item: object, json: string, write: () => Promise<T>): Promise<T> {
  toWrite.set(item, json);
  try {
    return write();
  } finally {
    toWrite.delete(item);
  }
}

/** `item`'s JSON to write (eTag aside): the one BotState handed over (taken), else made here. */
export function jsonToWrite(item: object): string {
  const json = toWrite.get(item);
  if (json === undefined) return stateJson(item as Record<string, unknown>);
  toWrite.delete(item);
  return json;
}

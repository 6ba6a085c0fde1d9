/** Any key-value store with eTag compare-and-set (botbuilder's Storage fits). */
export interface DocumentStore {
  read(keys: string[]): Promise<Record<string, Record<string, unknown>>>;
  write(changes: Record<string, Record<string, unknown>>): Promise<void>;
}

/**
 * Appends an item to the list kept in one document's `field`, with compare-and-set: the document is
 * read with its eTag and written back with it, retried when someone else changed it meanwhile.
 */
export async function appendToList(store: DocumentStore, key: string, field: string, item: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = (await store.read([key]))[key];
    const list = [...((current?.[field] as unknown[] | undefined) ?? []), item];
    try {
      await store.write({ [key]: current ? { ...current, [field]: list } : { [field]: list } });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

/**
 * The training utterances as sets of feature ids, with an inverted index: how close a text comes to the
 * nearest utterance of a given label. Naive Bayes adds up evidence word by word, so a question that
 * merely shares a few words with an intent ("结算到账要几天" and the refund FAQ) can still win there;
 * it rarely comes close to any one utterance of that intent as a whole.
 */
export interface NeighboursJson {
  /** Label index of each utterance. */
  labels: number[];
  /** Feature ids of each utterance (sorted). */
  features: number[][];
}

export class Neighbours {
  private readonly postings: Int32Array[];
  private readonly sizes: Float64Array;
  /** Per-utterance overlap counts of the current query (reused: one query at a time). */
  private readonly overlap: Float64Array;

  constructor(
    readonly json: NeighboursJson,
    vocabulary: number,
  ) {
    const lists: number[][] = Array.from({ length: vocabulary }, () => []);
    json.features.forEach((ids, u) => {
      for (const id of ids) lists[id].push(u);
    });
    this.postings = lists.map((l) => Int32Array.from(l));
    this.sizes = Float64Array.from(json.features, (ids) => ids.length);
    this.overlap = new Float64Array(json.features.length);
  }

  /**
   * The best cosine similarity (feature sets as 0/1 vectors) between the query and an utterance of each
   * label in `wanted`. `known` are the query's feature ids found in the vocabulary; `size` counts all of
   * its features, known or not, so unknown words lower the similarity.
   */
  nearest(known: number[], size: number, wanted: number[]): number[] {
    const touched: number[] = [];
    for (const id of known) {
      for (const u of this.postings[id]) {
        if (this.overlap[u] === 0) touched.push(u);
        this.overlap[u]++;
      }
    }
    const best = wanted.map(() => 0);
    for (const u of touched) {
      const w = wanted.indexOf(this.json.labels[u]);
      if (w >= 0) best[w] = Math.max(best[w], this.overlap[u] / Math.sqrt(size * this.sizes[u]));
      this.overlap[u] = 0;
    }
    return best;
  }
}

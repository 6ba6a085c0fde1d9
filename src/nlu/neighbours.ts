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
  /** Per label: feature id -> the utterances of that label that have it. Only the labels asked about are walked. */
  private readonly postings: Map<number, Int32Array>[];
  /** 1 / √(number of features) of each utterance: the cosine's share that does not depend on the query. */
  private readonly inverseNorms: Float64Array;
  /** Per-utterance overlap counts of the current query, and the utterances it touched (reused: one query at a time). */
  private readonly overlap: Int32Array;
  private readonly touched: Int32Array;

  constructor(readonly json: NeighboursJson) {
    const lists: Map<number, number[]>[] = [];
    json.features.forEach((ids, u) => {
      const label = (lists[json.labels[u]] ??= new Map());
      for (const id of ids) {
        const list = label.get(id);
        if (list) list.push(u);
        else label.set(id, [u]);
      }
    });
    this.postings = Array.from(lists, (m) => new Map([...(m ?? new Map<number, number[]>())].map(([id, us]) => [id, Int32Array.from(us)])));
    this.inverseNorms = Float64Array.from(json.features, (ids) => 1 / Math.sqrt(ids.length));
    this.overlap = new Int32Array(json.features.length);
    this.touched = new Int32Array(json.features.length);
  }

  /**
   * The best cosine similarity (feature sets as 0/1 vectors) between the query and an utterance of each
   * label in `wanted`. `known` are the query's feature ids found in the vocabulary; `size` counts all of
   * its features, known or not, so unknown words lower the similarity.
   */
  nearest(known: number[], size: number, wanted: number[]): number[] {
    return wanted.map((label) => {
      const postings = this.postings[label];
      if (!postings || size === 0) return 0;
      const { overlap, touched } = this;
      let count = 0;
      for (const id of known) {
        const utterances = postings.get(id);
        if (!utterances) continue;
        for (let k = 0; k < utterances.length; k++) {
          const u = utterances[k];
          if (overlap[u]++ === 0) touched[count++] = u;
        }
      }
      let best = 0;
      for (let k = 0; k < count; k++) {
        const u = touched[k];
        best = Math.max(best, overlap[u] * this.inverseNorms[u]);
        overlap[u] = 0;
      }
      return best / Math.sqrt(size);
    });
  }
}

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

/** The index as arrays (see Neighbours): what the model file stores. */
export interface NeighbourTables {
  starts: Int32Array;
  utterances: Int32Array;
  width: number;
  labelCount: number;
  inverseNorms: Float64Array;
}

export class Neighbours {
  /**
   * Per (label, feature id) the utterances of that label that have the feature, as one flat array:
   * those of key k = label * width + id are utterances[starts[k] .. starts[k + 1]). Two typed-array
   * reads per feature instead of a hash lookup (a third of the time of a classification).
   */
  private readonly starts: Int32Array;
  private readonly utterances: Int32Array;
  /** Feature ids are below this (the largest an utterance has, plus one); higher ids have no utterances. */
  private readonly width: number;
  private readonly labelCount: number;
  /** 1 / √(number of features) of each utterance: the cosine's share that does not depend on the query. */
  private readonly inverseNorms: Float64Array;
  /** Per-utterance overlap counts of the current query, and the utterances it touched (reused: one query at a time). */
  private readonly overlap: Int32Array;
  private readonly touched: Int32Array;

  constructor(tables: NeighbourTables) {
    ({ starts: this.starts, utterances: this.utterances, width: this.width, labelCount: this.labelCount, inverseNorms: this.inverseNorms } = tables);
    this.overlap = new Int32Array(tables.inverseNorms.length);
    this.touched = new Int32Array(tables.inverseNorms.length);
  }

  /** The index of utterances as their feature ids (what training and the database have), as arrays. */
  static tablesOf(json: NeighboursJson): NeighbourTables {
    let width = 0;
    for (const ids of json.features) for (const id of ids) width = Math.max(width, id + 1);
    const labelCount = json.labels.reduce((max, l) => Math.max(max, l + 1), 0);
    const starts = new Int32Array(labelCount * width + 1);
    json.features.forEach((ids, u) => {
      for (const id of ids) starts[json.labels[u] * width + id + 1]++;
    });
    for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
    const utterances = new Int32Array(starts[starts.length - 1]);
    const filled = starts.slice(0, -1);
    // Utterances in increasing order within each list, as they were added.
    json.features.forEach((ids, u) => {
      for (const id of ids) utterances[filled[json.labels[u] * width + id]++] = u;
    });
    const inverseNorms = Float64Array.from(json.features, (ids) => 1 / Math.sqrt(ids.length));
    return { starts, utterances, width, labelCount, inverseNorms };
  }

  /**
   * The best cosine similarity (feature sets as 0/1 vectors) between the query and an utterance of
   * `label`. `known` are the query's feature ids found in the vocabulary; `size` counts all of its
   * features, known or not, so unknown words lower the similarity.
   */
  nearest(known: number[], size: number, label: number): number {
    if (label < 0 || label >= this.labelCount || size === 0) return 0;
    const { overlap, touched, starts, utterances, width } = this;
    const base = label * width;
    let count = 0;
    for (let q = 0; q < known.length; q++) {
      const id = known[q];
      if (id >= width) continue;
      const end = starts[base + id + 1];
      for (let k = starts[base + id]; k < end; k++) {
        // Without a branch (count grows only when `before` is 0): whether an utterance is touched for the
        // first time is a coin toss the processor mispredicted.
        const u = utterances[k];
        const before = overlap[u];
        overlap[u] = before + 1;
        touched[count] = u;
        count += (before - 1) >>> 31;
      }
    }
    let best = 0;
    for (let k = 0; k < count; k++) {
      const u = touched[k];
      best = Math.max(best, overlap[u] * this.inverseNorms[u]);
      overlap[u] = 0;
    }
    return best / Math.sqrt(size);
  }
}

// natural's per-file modules have no type declarations of their own.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    features: Record<string, number>;
    classifier: {
      classFeatures: Record<string, Record<string, number>>;
      classTotals: Record<string, number>;
      totalExamples: number;
      smoothing: number;
      /** `observation`: a 0/1 value per vocabulary feature, in the order of `features`. */
      addExample(observation: number[], label: string): void;
      train(): void;
    };
    lastAdded: number;
    addDocument(text: string | string[], label: string): void;
    train(): void;
    getClassifications(observation: string | string[]): { label: string; value: number }[];
    static restore(model: unknown, stemmer?: unknown): BayesClassifier;
  }
}

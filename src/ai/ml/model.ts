/**
 * The contract every model family in the ML library follows, so the model registry and the
 * agents can treat them alike: train → predict → explain → evaluate, and a JSON-safe snapshot.
 */
export interface ModelInfo {
  /** Family and method, e.g. `recommend/als`, `forecast/auto`, `intent/logreg`. */
  kind: string;
  /** Version of the serialised format, bumped when `toJSON` output changes shape. */
  formatVersion: number;
  /** When it was trained and on how many examples. */
  trainedAt: string;
  trainingExamples: number;
  /** Free-form numeric metrics measured at training time (e.g. backtest sMAPE). */
  metrics: Record<string, number>;
}

/** A trained model: serialisable to plain JSON for the registry. */
export interface TrainedModel<Input, Output, Explanation = string> {
  readonly info: ModelInfo;
  predict(input: Input): Output;
  explain(input: Input): Explanation;
  toJSON(): SerialisedModel;
}

export interface SerialisedModel {
  info: ModelInfo;
  state: unknown;
}

/** A metric table produced by an evaluation: our rows beside the published baselines. */
export interface EvalRow {
  model: string;
  /** `ours` for what we trained here, `published` for a cited baseline. */
  source: 'ours' | 'published';
  metrics: Record<string, number | string>;
  note?: string;
}

export interface EvalReport {
  family: string;
  dataset: string;
  rows: EvalRow[];
  /** Targets from the issue, with whether we met them. */
  targets?: { name: string; target: string; measured: string; met: boolean }[];
  seconds: number;
}

/** The model registry's public shapes: DTOs (TypeBox, for routes and the typed client), events and the trainer port. */
import { Type, type Static } from '@sinclair/typebox';
import type { Ctx } from '../../platform/index.js';
import { defineEvent, Nullable, Strict } from '../../platform/index.js';

export const VERSION_STATUSES = ['candidate', 'active', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type Decision = 'promoted' | 'rejected' | 'first';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type Arm = 'control' | 'treatment';

const Metrics = Type.Record(Type.String(), Type.Number(), { description: 'metric name → value, e.g. `ndcg@10`, `hr@10`, `coverage`, `users`' });
export type Metrics = Record<string, number>;

export const ModelVersionDto = Type.Object({
  id: Type.String(), model: Type.String(), version: Type.Integer(), method: Type.String(),
  status: Type.Union(VERSION_STATUSES.map((s) => Type.Literal(s))),
  trainFrom: Nullable(Type.String({ description: 'first order used for training (null: from the beginning)' })),
  trainTo: Type.String({ description: 'training data ends here (exclusive); the held-back window starts here' }),
  holdoutFrom: Type.String(), holdoutTo: Type.String(),
  trainingExamples: Type.Integer(),
  metrics: Metrics,
  baselineMetrics: Nullable(Metrics),
  baselineVersionId: Nullable(Type.String({ description: 'the active version measured on the same held-back window' })),
  primaryMetric: Type.String(),
  decision: Type.Union([Type.Literal('promoted'), Type.Literal('rejected'), Type.Literal('first')]),
  reason: Type.String(),
  artefactBytes: Type.Integer({ description: 'size of the stored (compressed) artefact' }),
  runId: Nullable(Type.String()),
  createdAt: Type.String(), promotedAt: Nullable(Type.String()), retiredAt: Nullable(Type.String()),
});
export type ModelVersionDto = Static<typeof ModelVersionDto>;

export const RunMessage = Type.Object({ at: Type.String(), text: Type.String() });
export const TrainingRunDto = Type.Object({
  id: Type.String(), model: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')]),
  trigger: Type.String({ description: '`manual` (retrain now) or `schedule`' }),
  options: Type.Record(Type.String(), Type.Unknown()),
  stage: Type.String(), percent: Type.Integer({ minimum: 0, maximum: 100 }),
  messages: Type.Array(RunMessage),
  versionId: Nullable(Type.String()), error: Nullable(Type.String()), requestedBy: Type.String(),
  createdAt: Type.String(), startedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
});
export type TrainingRunDto = Static<typeof TrainingRunDto>;

export const RetrainBody = Strict({
  method: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'training method (recommend: hybrid, als, item-knn, popularity); default the model\'s own' })),
  holdoutDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'length of the held-back window at the end of the history (default 14)' })),
  trainDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 3650, description: 'how much history before the held-back window trains the model (default 730)' })),
});
export type RetrainBody = Static<typeof RetrainBody>;

export const ArmResult = Type.Object({
  arm: Type.Union([Type.Literal('control'), Type.Literal('treatment')]),
  versionId: Type.String(), version: Type.Integer(),
  lists: Type.Integer({ description: 'recommendation lists served' }),
  impressions: Type.Integer({ description: 'items shown' }),
  clicks: Type.Integer(), addToCarts: Type.Integer(), purchases: Type.Integer(),
  revenue: Type.Integer({ description: 'attributed line totals, minor units' }),
  clickRate: Type.Number({ description: 'clicks per impression' }),
  conversionRate: Type.Number({ description: 'attributed purchases per impression' }),
});
export type ArmResult = Static<typeof ArmResult>;

export const ExperimentDto = Type.Object({
  id: Type.String(), model: Type.String(), name: Type.String(),
  controlVersionId: Type.String(), treatmentVersionId: Type.String(),
  treatmentPercent: Type.Integer(), attributionHours: Type.Integer(),
  status: Type.Union([Type.Literal('running'), Type.Literal('stopped')]),
  createdAt: Type.String(), stoppedAt: Nullable(Type.String()),
  arms: Type.Array(ArmResult),
});
export type ExperimentDto = Static<typeof ExperimentDto>;

export const ExperimentBody = Strict({
  model: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  controlVersionId: Type.String({ minLength: 1, maxLength: 120 }),
  treatmentVersionId: Type.String({ minLength: 1, maxLength: 120 }),
  treatmentPercent: Type.Integer({ minimum: 1, maximum: 99, description: 'share of customers and sessions served by the treatment' }),
  attributionHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'a purchase counts for an arm within this many hours of a click or add-to-cart (default 24)' })),
});
export type ExperimentBody = Static<typeof ExperimentBody>;

export const ModelVersionCreated = defineEvent('model_version.created', 1,
  'A training run produced a model version; the promotion gate decided whether it serves.',
  Type.Object({ versionId: Type.String(), model: Type.String(), version: Type.Integer(), status: Type.String(), decision: Type.String() }));
export const ModelVersionPromoted = defineEvent('model_version.promoted', 1,
  'A model version became the active one (it beat the previous one on the held-back window, or it was the first).',
  Type.Object({ versionId: Type.String(), model: Type.String(), version: Type.Integer(), previousVersionId: Nullable(Type.String()) }));

/** Progress of a training run, as the admin sees it. */
export interface Progress {
  (stage: string, percent: number, message?: string): Promise<void>;
}

/** The held-back comparison window and what trained before it. */
export interface TrainingWindow { trainFrom: string | null; trainTo: string; holdoutFrom: string; holdoutTo: string }

/** What a trainer hands back: a serialisable artefact, its metrics, and a way to measure another artefact on the same held-back data. */
export interface TrainOutcome {
  method: string;
  window: TrainingWindow;
  trainingExamples: number;
  artefact: unknown;
  metrics: Metrics;
  /** The metric the gate compares (higher is better), e.g. `ndcg@10`. */
  primaryMetric: string;
  /** Measures a stored artefact (the active version's) on this run's held-back window. */
  evaluate(artefact: unknown): Metrics;
}

/** Trains one model family from the store's own data (through module front doors). */
export interface ModelTrainer {
  model: string;
  methods: string[];
  defaultMethod: string;
  train(ctx: Ctx, options: { method: string; holdoutDays: number; trainDays: number }, progress: Progress): Promise<TrainOutcome>;
}

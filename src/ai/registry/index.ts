/**
 * The model registry: versioned models with their training and held-back windows, metrics and
 * status (candidate, active, retired); retraining as scheduled jobs with visible progress; a gate
 * that promotes a candidate only when it beats the active version on the same held-back window;
 * A/B experiments between two versions with per-arm outcomes. The front door.
 */
import type { JobDefinition, ModuleDeps, ModuleParts, ScheduleDefinition } from '../../platform/index.js';
import { registryMigrations } from './migrations.js';
import { ModelRegistry, TRAIN_JOB } from './registry.service.js';
import { registryRoutes } from './routes.js';

export * from './contracts.js';
export { assignArm, promotionGate } from './gate.js';
export type { ModelRegistry, LoadedVersion, RunningExperiment, OutcomeCount, Touch } from './registry.service.js';

const SCHEDULED_JOB = 'ai.train.scheduled';

export interface ModelRegistryModule {
  parts: ModuleParts;
  service: ModelRegistry;
  /** Retrains a model on a schedule (call before the app wires the parts, i.e. in the composition root). */
  schedule(model: string, everySeconds: number): void;
}

export function createModelRegistry(deps: ModuleDeps): ModelRegistryModule {
  const service = new ModelRegistry(deps.database.db, deps.database.dialect, deps.log.child({ component: 'model-registry' }));
  const every = new Map<string, number>();
  const schedules: ScheduleDefinition[] = [];
  const jobs: JobDefinition[] = [
    { name: TRAIN_JOB, maxAttempts: 3, handle: (ctx, p: { runId: string }) => service.runTraining(ctx, p.runId) },
    { name: SCHEDULED_JOB, handle: async (ctx, p: { model: string }) => { await service.requestTraining(ctx, p.model, {}, 'schedule'); } },
  ];
  return {
    parts: { name: 'ai-registry', migrations: registryMigrations, routes: registryRoutes(service, every), jobs, schedules },
    service,
    schedule(model, everySeconds) {
      every.set(model, everySeconds);
      schedules.push({ name: `ai.retrain.${model}`, everySeconds, job: SCHEDULED_JOB, payload: { model } });
    },
  };
}

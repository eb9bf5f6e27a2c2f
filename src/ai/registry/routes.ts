/** Admin routes of the model registry: versions and their metrics, retraining with progress, experiments with per-arm outcomes. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, Limit, route, Strict, type AnyRoute } from '../../platform/index.js';
import { ExperimentBody, ExperimentDto, ModelVersionDto, RetrainBody, TrainingRunDto } from './contracts.js';
import type { ModelRegistry } from './registry.service.js';

const tags = ['admin: ai'];
const ModelName = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_-]*$' });
const ListQuery = Strict({ model: Type.Optional(ModelName), limit: Limit(100, 20) });

export const ModelSummary = Type.Object({
  model: Type.String(), methods: Type.Array(Type.String()), defaultMethod: Type.String(),
  activeVersionId: Type.Union([Type.String(), Type.Null()]), runningExperimentId: Type.Union([Type.String(), Type.Null()]),
  retrainEverySeconds: Type.Integer(),
});

export function registryRoutes(registry: ModelRegistry, schedules: Map<string, number>): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/ai/models', access: access.staff('ai:read'), tags,
      summary: 'The trainable models: methods, the active version, the running experiment and the retraining schedule',
      response: { 200: Type.Object({ items: Type.Array(ModelSummary) }) },
      handler: async ({ ctx }) => ({
        items: await Promise.all(registry.models().map(async (t) => {
          const s = await registry.servingState(ctx, t.model);
          return { model: t.model, methods: t.methods, defaultMethod: t.defaultMethod, activeVersionId: s.activeId, runningExperimentId: s.experiment?.id ?? null, retrainEverySeconds: schedules.get(t.model) ?? 0 };
        })),
      }),
    }),
    route({
      method: 'GET', url: '/admin/ai/models/versions', access: access.staff('ai:read'), tags,
      summary: 'Model versions, newest first, with training windows, held-back metrics, the active version\'s metrics on the same window and the promotion decision',
      query: ListQuery, response: { 200: Type.Object({ items: Type.Array(ModelVersionDto) }) },
      handler: async ({ query, ctx }) => ({ items: await registry.listVersions(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/admin/ai/models/versions/:id', access: access.staff('ai:read'), tags,
      summary: 'One model version', params: IdParam(), response: { 200: ModelVersionDto },
      handler: async ({ params, ctx }) => registry.getVersion(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/ai/models/versions/:id/retire', access: access.staff('settings:manage'), tags, status: 200,
      summary: 'Take a candidate out of service (409 for the active version or one in a running experiment)',
      params: IdParam(), response: { 200: ModelVersionDto },
      handler: async ({ params, ctx }) => registry.retire(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/ai/models/:model/retrain', access: access.staff('settings:manage'), tags, status: 202,
      summary: 'Retrain now: queues a training run and answers its progress record (poll GET /admin/ai/training-runs/:id); 409 while one is queued or running',
      params: Strict({ model: ModelName }), body: RetrainBody, response: { 202: TrainingRunDto },
      handler: async ({ params, body, ctx }) => registry.requestTraining(ctx, params.model, body ?? {}, 'manual'),
    }),
    route({
      method: 'GET', url: '/admin/ai/training-runs', access: access.staff('ai:read'), tags,
      summary: 'Training runs, newest first, with stage, percent and messages',
      query: ListQuery, response: { 200: Type.Object({ items: Type.Array(TrainingRunDto) }) },
      handler: async ({ query, ctx }) => ({ items: await registry.listRuns(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/admin/ai/training-runs/:id', access: access.staff('ai:read'), tags,
      summary: 'A training run\'s progress (stage, percent, messages) and, once done, the version it produced',
      params: IdParam(), response: { 200: TrainingRunDto },
      handler: async ({ params, ctx }) => registry.getRun(ctx, params.id),
    }),
    route({
      method: 'GET', url: '/admin/ai/experiments', access: access.staff('ai:read'), tags,
      summary: 'A/B experiments, newest first, each arm with lists served, impressions, clicks, add-to-carts, attributed purchases and revenue',
      query: ListQuery, response: { 200: Type.Object({ items: Type.Array(ExperimentDto) }) },
      handler: async ({ query, ctx }) => ({ items: await registry.listExperiments(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/admin/ai/experiments', access: access.staff('settings:manage'), tags,
      summary: 'Start an A/B experiment: a share of customers and sessions (by a stable hash) is served by the treatment version; 409 while another runs for the model',
      body: ExperimentBody, response: { 201: ExperimentDto },
      handler: async ({ body, ctx }) => registry.createExperiment(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/ai/experiments/:id', access: access.staff('ai:read'), tags,
      summary: 'One experiment with its per-arm outcomes', params: IdParam(), response: { 200: ExperimentDto },
      handler: async ({ params, ctx }) => registry.getExperiment(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/ai/experiments/:id/stop', access: access.staff('settings:manage'), tags, status: 200,
      summary: 'Stop an experiment: everyone is served by the active version again; its outcomes stay',
      params: IdParam(), response: { 200: ExperimentDto },
      handler: async ({ params, ctx }) => registry.stopExperiment(ctx, params.id),
    }),
  ];
}

/**
 * The model registry: versions with their windows, metrics and the promotion decision; training
 * runs with live progress; A/B experiments and their per-arm outcomes. Training runs as the
 * `ai.train` job (durable, retried, dead-lettered like every job); the gate compares the
 * candidate with the active version on the candidate's own held-back window.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { AppError, conflict, newId, notFound } from '../../kernel/index.js';
import { actorRef, audit, emit, enqueueJob, inTransaction, isUniqueViolation, withDb, type Ctx, type Db, type Dialect, type Logger } from '../../platform/index.js';
import {
  ModelVersionCreated, ModelVersionPromoted, type Arm, type ArmResult, type ExperimentBody, type ExperimentDto, type Metrics,
  type ModelTrainer, type ModelVersionDto, type RetrainBody, type TrainingRunDto,
} from './contracts.js';
import { promotionGate } from './gate.js';

export const TRAIN_JOB = 'ai.train';
const MAX_MESSAGES = 50;

/** A version as the serving side needs it: the decoded artefact. */
export interface LoadedVersion { id: string; model: string; version: number; method: string; artefact: unknown }

/** The running experiment of a model, as the serving side needs it. */
export interface RunningExperiment { id: string; controlVersionId: string; treatmentVersionId: string; treatmentPercent: number; attributionHours: number }

/** One increment of an outcome counter. */
export interface OutcomeCount { experimentId: string; arm: Arm | ''; versionId: string; surface: string; kind: string; count: number; value?: number }

/** A click or add-to-cart on a recommended item. */
export interface Touch { experimentId: string; arm: Arm | ''; versionId: string; surface: string; kind: 'click' | 'add_to_cart'; subject: string; cartId: string | null; productId: string }

type Listener = (model: string) => void;

export class ModelRegistry {
  private trainers = new Map<string, ModelTrainer>();
  /** Live progress of runs this node is training (SQLite: the job's transaction hides its writes until it ends). */
  private live = new Map<string, TrainingRunDto>();
  private listeners = new Set<Listener>();

  constructor(private db: Db, private dialect: Dialect, private log: Logger) {}

  /** Makes a model family trainable; its name is the registry's `model`. */
  registerTrainer(t: ModelTrainer): void {
    if (this.trainers.has(t.model)) throw new Error(`trainer ${t.model} registered twice`);
    this.trainers.set(t.model, t);
  }

  /** The trainable model families. */
  models(): ModelTrainer[] {
    return [...this.trainers.values()];
  }

  /** Told (after a short delay, so the change has committed) when a model's active version or experiment may have changed. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private changed(model: string): void {
    // Listeners read through their own connection: give the writing transaction time to commit.
    for (const l of this.listeners) setTimeout(() => l(model), 5).unref();
  }

  // ---- versions -------------------------------------------------------------------------------

  async listVersions(ctx: Ctx, q: { model?: string; limit: number }): Promise<ModelVersionDto[]> {
    const rows = await ctx.db.selectFrom('ai_model_versions').selectAll()
      .$if(!!q.model, (b) => b.where('model', '=', q.model!))
      .orderBy('created_at', 'desc').orderBy('version', 'desc').limit(q.limit).execute();
    return rows.map(toVersion);
  }

  async getVersion(ctx: Ctx, id: string): Promise<ModelVersionDto> {
    const row = await ctx.db.selectFrom('ai_model_versions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('ai.version_not_found', 'model version', id);
    return toVersion(row);
  }

  /** The active version of a model with its artefact, if any. */
  async activeVersion(ctx: Ctx, model: string): Promise<LoadedVersion | undefined> {
    const row = await ctx.db.selectFrom('ai_model_versions').select(['id', 'model', 'version', 'method', 'artefact'])
      .where('model', '=', model).where('status', '=', 'active').executeTakeFirst();
    return row && toLoaded(row);
  }

  /** A version with its artefact (the serving side loads experiment arms through this). */
  async loadVersion(ctx: Ctx, id: string): Promise<LoadedVersion | undefined> {
    const row = await ctx.db.selectFrom('ai_model_versions').select(['id', 'model', 'version', 'method', 'artefact']).where('id', '=', id).executeTakeFirst();
    return row && toLoaded(row);
  }

  /** Cheap check of what serves a model: the active version id and the running experiment. */
  async servingState(ctx: Ctx, model: string): Promise<{ activeId: string | null; experiment: RunningExperiment | null }> {
    const active = await ctx.db.selectFrom('ai_model_versions').select('id').where('model', '=', model).where('status', '=', 'active').executeTakeFirst();
    const exp = await ctx.db.selectFrom('ai_experiments').selectAll().where('model', '=', model).where('status', '=', 'running').executeTakeFirst();
    return {
      activeId: (active?.id as string) ?? null,
      experiment: exp ? { id: exp.id, controlVersionId: exp.control_version_id, treatmentVersionId: exp.treatment_version_id, treatmentPercent: Number(exp.treatment_percent), attributionHours: Number(exp.attribution_hours) } : null,
    };
  }

  /** Takes a version out of service for good (not the active one, nor one in a running experiment). */
  async retire(outer: Ctx, id: string): Promise<ModelVersionDto> {
    return inTransaction(outer.db, async (tx) => {
    const ctx = withDb(outer, tx);
    const v = await this.getVersion(ctx, id);
    if (v.status === 'active') throw conflict('ai.version_active', 'the active version cannot be retired; promote another first', { id });
    const inExperiment = await ctx.db.selectFrom('ai_experiments').select('id').where('status', '=', 'running')
      .where((eb) => eb.or([eb('control_version_id', '=', id), eb('treatment_version_id', '=', id)])).executeTakeFirst();
    if (inExperiment) throw conflict('ai.version_in_experiment', `the version serves in the running experiment ${inExperiment.id}; stop it first`, { experimentId: inExperiment.id });
    if (v.status === 'retired') return v;
    await ctx.db.updateTable('ai_model_versions').set({ status: 'retired', retired_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    await audit(ctx, { action: 'ai.version_retired', entityType: 'model_version', entityId: id, before: { status: v.status }, after: { status: 'retired' } });
    return this.getVersion(ctx, id);
    });
  }

  // ---- training runs --------------------------------------------------------------------------

  /** Queues a training run ("retrain now", or a schedule's tick) and answers its progress record. */
  async requestTraining(outer: Ctx, model: string, body: RetrainBody, trigger: 'manual' | 'schedule'): Promise<TrainingRunDto> {
    return inTransaction(outer.db, async (tx) => {
    const ctx = withDb(outer, tx);
    const trainer = this.trainers.get(model);
    if (!trainer) throw notFound('ai.model_not_found', 'model', model);
    const method = body.method ?? trainer.defaultMethod;
    if (!trainer.methods.includes(method)) {
      throw new AppError('validation.failed', `invalid request: body.method must be one of ${trainer.methods.join(', ')}`, 400, [{ field: 'body.method', message: `must be one of ${trainer.methods.join(', ')}` }]);
    }
    const now = ctx.clock.now().toISOString();
    const running = await ctx.db.selectFrom('ai_training_runs').select('id').where('model', '=', model).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    if (running && trigger === 'schedule') return this.getRun(ctx, running.id);
    if (running) throw conflict('ai.training_in_progress', `a training run of ${model} is already queued or running`, { runId: running.id });
    const id = newId('trn');
    const options = { method, holdoutDays: body.holdoutDays ?? 14, trainDays: body.trainDays ?? 730 };
    try {
      await ctx.db.insertInto('ai_training_runs').values({
        id, model, status: 'queued', trigger, options: JSON.stringify(options), stage: 'queued', percent: 0,
        messages: JSON.stringify([{ at: now, text: `Queued (${trigger}): ${method}, ${options.holdoutDays} days held back` }]),
        version_id: null, error: null, requested_by: actorRef(ctx.actor), created_at: now, started_at: null, finished_at: null,
      }).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('ai.training_in_progress', `a training run of ${model} is already queued or running`, {});
      throw e;
    }
    await enqueueJob(ctx, TRAIN_JOB, { runId: id }, { key: id });
    if (trigger === 'manual') await audit(ctx, { action: 'ai.retrain_requested', entityType: 'training_run', entityId: id, after: { model, ...options } });
    return this.getRun(ctx, id);
    });
  }

  async listRuns(ctx: Ctx, q: { model?: string; limit: number }): Promise<TrainingRunDto[]> {
    const rows = await ctx.db.selectFrom('ai_training_runs').selectAll().$if(!!q.model, (b) => b.where('model', '=', q.model!))
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => this.live.get(r.id) ?? toRun(r));
  }

  /** A run's progress: from memory while this node trains it, else as recorded. */
  async getRun(ctx: Ctx, id: string): Promise<TrainingRunDto> {
    const live = this.live.get(id);
    if (live) return structuredClone(live);
    const row = await ctx.db.selectFrom('ai_training_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('ai.run_not_found', 'training run', id);
    return toRun(row);
  }

  /** The `ai.train` job: trains, measures on the held-back window, applies the gate, records everything. */
  async runTraining(ctx: Ctx, runId: string): Promise<void> {
    const row = await ctx.db.selectFrom('ai_training_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row || row.status === 'succeeded' || row.status === 'failed') return;
    const run = toRun(row);
    const trainer = this.trainers.get(run.model);
    const opts = run.options as { method: string; holdoutDays: number; trainDays: number };
    run.status = 'running';
    run.startedAt = ctx.clock.now().toISOString();
    this.live.set(run.id, run);
    const progress = async (stage: string, percent: number, message?: string) => {
      run.stage = stage;
      run.percent = Math.max(run.percent, Math.min(100, Math.round(percent)));
      if (message) run.messages = [...run.messages, { at: ctx.clock.now().toISOString(), text: message }].slice(-MAX_MESSAGES);
      // PostgreSQL: another pool connection makes progress visible to every node at once.
      // SQLite has one connection, held by this job's transaction: the node's memory answers instead.
      if (this.dialect === 'postgres') await this.saveRun(this.db, run).catch((e) => this.log.warn({ err: e }, 'training progress not saved'));
      // Let requests through between stages.
      await new Promise((r) => setImmediate(r));
    };
    try {
      if (!trainer) throw new Error(`no trainer for model ${run.model}`);
      await progress('starting', 1, `Training ${run.model} with ${opts.method}`);
      const outcome = await trainer.train(ctx, opts, progress);
      await progress('comparing', 90, 'Measuring the active version on the same held-back window');
      const active = await this.activeVersion(ctx, run.model);
      let baseline: Metrics | null = null;
      if (active) {
        try { baseline = outcome.evaluate(active.artefact); } catch (e) {
          this.log.warn({ err: e, versionId: active.id }, 'the active version could not be measured; the candidate is compared with nothing');
        }
      }
      const activeNo = active ? await this.versionNumber(ctx, active.id) : undefined;
      const gate = promotionGate({
        primaryMetric: outcome.primaryMetric, candidate: outcome.metrics, window: outcome.window,
        active: active && activeNo !== undefined ? { version: activeNo, metrics: baseline ?? {} } : undefined,
      });
      const now = ctx.clock.now().toISOString();
      const last = await ctx.db.selectFrom('ai_model_versions').select((eb) => eb.fn.max('version').as('v')).where('model', '=', run.model).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const id = newId('mv');
      const packed = gzipSync(JSON.stringify(outcome.artefact)).toString('base64');
      if (gate.promote && active) {
        await ctx.db.updateTable('ai_model_versions').set({ status: 'retired', retired_at: now }).where('id', '=', active.id).execute();
      }
      // Older candidates nobody tests any more make way for this one.
      await ctx.db.updateTable('ai_model_versions').set({ status: 'retired', retired_at: now })
        .where('model', '=', run.model).where('status', '=', 'candidate')
        .where('id', 'not in', ctx.db.selectFrom('ai_experiments').select('treatment_version_id').where('status', '=', 'running'))
        .where('id', 'not in', ctx.db.selectFrom('ai_experiments').select('control_version_id').where('status', '=', 'running'))
        .execute();
      await ctx.db.insertInto('ai_model_versions').values({
        id, model: run.model, version, method: outcome.method, status: gate.promote ? 'active' : 'candidate',
        train_from: outcome.window.trainFrom, train_to: outcome.window.trainTo, holdout_from: outcome.window.holdoutFrom, holdout_to: outcome.window.holdoutTo,
        training_examples: outcome.trainingExamples,
        metrics: JSON.stringify(outcome.metrics), primary_metric: outcome.primaryMetric,
        baseline_metrics: baseline ? JSON.stringify(baseline) : null, baseline_version_id: active?.id ?? null,
        decision: gate.decision, reason: gate.reason, artefact: packed, artefact_bytes: packed.length, run_id: run.id,
        created_at: now, promoted_at: gate.promote ? now : null, retired_at: null,
      }).execute();
      await emit(ctx, ModelVersionCreated, id, { versionId: id, model: run.model, version, status: gate.promote ? 'active' : 'candidate', decision: gate.decision });
      if (gate.promote) await emit(ctx, ModelVersionPromoted, id, { versionId: id, model: run.model, version, previousVersionId: active?.id ?? null });
      run.versionId = id;
      run.status = 'succeeded';
      run.finishedAt = now;
      await progress('done', 100, `v${version}: ${gate.reason}`);
      await this.saveRun(ctx.db, run);
      if (gate.promote) this.changed(run.model);
    } catch (e) {
      run.status = 'failed';
      run.error = e instanceof Error ? e.message : String(e);
      run.finishedAt = ctx.clock.now().toISOString();
      run.messages = [...run.messages, { at: run.finishedAt, text: `Failed: ${run.error}` }].slice(-MAX_MESSAGES);
      this.log.warn({ err: e, runId: run.id }, 'training failed');
      // A failed run is an outcome the admin reads, not a delivery to retry.
      await this.saveRun(ctx.db, run);
    } finally {
      setTimeout(() => this.live.delete(run.id), 2000).unref();
    }
  }

  private async versionNumber(ctx: Ctx, id: string): Promise<number | undefined> {
    const r = await ctx.db.selectFrom('ai_model_versions').select('version').where('id', '=', id).executeTakeFirst();
    return r ? Number(r.version) : undefined;
  }

  private async saveRun(db: Db, run: TrainingRunDto): Promise<void> {
    await db.updateTable('ai_training_runs').set({
      status: run.status, stage: run.stage, percent: run.percent, messages: JSON.stringify(run.messages), version_id: run.versionId,
      error: run.error, started_at: run.startedAt, finished_at: run.finishedAt,
    }).where('id', '=', run.id).execute();
  }

  // ---- experiments ----------------------------------------------------------------------------

  async createExperiment(outer: Ctx, body: ExperimentBody): Promise<ExperimentDto> {
    return inTransaction(outer.db, async (tx) => {
    const ctx = withDb(outer, tx);
    if (body.controlVersionId === body.treatmentVersionId) {
      throw new AppError('validation.failed', 'invalid request: body.treatmentVersionId must differ from body.controlVersionId', 400, [{ field: 'body.treatmentVersionId', message: 'must differ from controlVersionId' }]);
    }
    for (const [field, id] of [['controlVersionId', body.controlVersionId], ['treatmentVersionId', body.treatmentVersionId]] as const) {
      const v = await ctx.db.selectFrom('ai_model_versions').select(['model', 'status']).where('id', '=', id).executeTakeFirst();
      if (!v || v.model !== body.model) throw new AppError('validation.failed', `invalid request: body.${field} is not a version of ${body.model}`, 400, [{ field: `body.${field}`, message: `is not a version of ${body.model}` }]);
      if (v.status === 'retired') throw new AppError('validation.failed', `invalid request: body.${field} is retired`, 400, [{ field: `body.${field}`, message: 'is retired' }]);
    }
    const running = await ctx.db.selectFrom('ai_experiments').select('id').where('model', '=', body.model).where('status', '=', 'running').executeTakeFirst();
    if (running) throw conflict('ai.experiment_running', `experiment ${running.id} already splits ${body.model}'s traffic; stop it first`, { experimentId: running.id });
    const id = newId('exp');
    await ctx.db.insertInto('ai_experiments').values({
      id, model: body.model, name: body.name, control_version_id: body.controlVersionId, treatment_version_id: body.treatmentVersionId,
      treatment_percent: body.treatmentPercent, attribution_hours: body.attributionHours ?? 24, status: 'running',
      created_at: ctx.clock.now().toISOString(), stopped_at: null,
    }).execute();
    await audit(ctx, { action: 'ai.experiment_started', entityType: 'experiment', entityId: id, after: body });
    this.changed(body.model);
    return this.getExperiment(ctx, id);
    });
  }

  async stopExperiment(outer: Ctx, id: string): Promise<ExperimentDto> {
    return inTransaction(outer.db, async (tx) => {
      const ctx = withDb(outer, tx);
      const e = await this.getExperiment(ctx, id);
      if (e.status === 'running') {
        await ctx.db.updateTable('ai_experiments').set({ status: 'stopped', stopped_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
        await audit(ctx, { action: 'ai.experiment_stopped', entityType: 'experiment', entityId: id, before: { status: 'running' }, after: { status: 'stopped' } });
        this.changed(e.model);
      }
      return this.getExperiment(ctx, id);
    });
  }

  async listExperiments(ctx: Ctx, q: { model?: string; limit: number }): Promise<ExperimentDto[]> {
    const rows = await ctx.db.selectFrom('ai_experiments').select('id').$if(!!q.model, (b) => b.where('model', '=', q.model!))
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return Promise.all(rows.map((r) => this.getExperiment(ctx, r.id)));
  }

  /** An experiment with each arm's outcomes. */
  async getExperiment(ctx: Ctx, id: string): Promise<ExperimentDto> {
    const e = await ctx.db.selectFrom('ai_experiments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!e) throw notFound('ai.experiment_not_found', 'experiment', id);
    const counts = await ctx.db.selectFrom('ai_outcome_counts').select(['arm', 'kind', (eb) => eb.fn.sum<number>('count').as('n'), (eb) => eb.fn.sum<number>('value').as('v')])
      .where('experiment_id', '=', id).groupBy(['arm', 'kind']).execute();
    const versions = await ctx.db.selectFrom('ai_model_versions').select(['id', 'version']).where('id', 'in', [e.control_version_id, e.treatment_version_id]).execute();
    const no = new Map(versions.map((v) => [v.id as string, Number(v.version)]));
    const arm = (name: Arm, versionId: string): ArmResult => {
      const n = (kind: string) => Number(counts.find((c) => c.arm === name && c.kind === kind)?.n ?? 0);
      const revenue = Number(counts.find((c) => c.arm === name && c.kind === 'purchase')?.v ?? 0);
      const impressions = n('impression');
      return {
        arm: name, versionId, version: no.get(versionId) ?? 0, lists: n('list'), impressions, clicks: n('click'), addToCarts: n('add_to_cart'),
        purchases: n('purchase'), revenue, clickRate: impressions ? n('click') / impressions : 0, conversionRate: impressions ? n('purchase') / impressions : 0,
      };
    };
    return {
      id: e.id, model: e.model, name: e.name, controlVersionId: e.control_version_id, treatmentVersionId: e.treatment_version_id,
      treatmentPercent: Number(e.treatment_percent), attributionHours: Number(e.attribution_hours), status: e.status,
      createdAt: e.created_at, stoppedAt: e.stopped_at ?? null,
      arms: [arm('control', e.control_version_id), arm('treatment', e.treatment_version_id)],
    };
  }

  // ---- outcomes -------------------------------------------------------------------------------

  /** Adds to outcome counters (served lists and impressions arrive here in batches). */
  async addCounts(ctx: Ctx, rows: OutcomeCount[]): Promise<void> {
    for (const r of rows) {
      await ctx.db.insertInto('ai_outcome_counts').values({
        experiment_id: r.experimentId, arm: r.arm, version_id: r.versionId, surface: r.surface, kind: r.kind, count: r.count, value: r.value ?? 0,
      }).onConflict((oc) => oc.columns(['experiment_id', 'arm', 'version_id', 'surface', 'kind']).doUpdateSet({
        count: sql`ai_outcome_counts.count + excluded.count`, value: sql`ai_outcome_counts.value + excluded.value`,
      })).execute();
    }
  }

  /** Records a click or add-to-cart of a recommended item, counted for its arm. */
  async recordTouch(outer: Ctx, t: Touch): Promise<void> {
    await inTransaction(outer.db, async (tx) => {
    const ctx = withDb(outer, tx);
    await ctx.db.insertInto('ai_outcome_touches').values({
      id: newId('tch'), experiment_id: t.experimentId, arm: t.arm, version_id: t.versionId, surface: t.surface, kind: t.kind,
      subject: t.subject, cart_id: t.cartId, product_id: t.productId, at: ctx.clock.now().toISOString(),
    }).execute();
    await this.addCounts(ctx, [{ experimentId: t.experimentId, arm: t.arm, versionId: t.versionId, surface: t.surface, kind: t.kind, count: 1 }]);
    });
  }

  /**
   * Attributes an order's lines to earlier touches of the same customer or cart on the same product
   * within the attribution window (the experiment's, 24 h outside one); once per order and product.
   */
  async attributeOrder(ctx: Ctx, o: { orderId: string; customerId: string | null; cartId: string | null; placedAt: string; lines: { productId: string | null; total: number }[] }): Promise<number> {
    const products = [...new Set(o.lines.map((l) => l.productId).filter((p): p is string => !!p))];
    if (!products.length || (!o.customerId && !o.cartId)) return 0;
    const since = new Date(new Date(o.placedAt).getTime() - 30 * 86_400_000).toISOString();
    const touches = await ctx.db.selectFrom('ai_outcome_touches').selectAll()
      .where((eb) => eb.or([
        ...(o.customerId ? [eb('subject', '=', `c:${o.customerId}`)] : []),
        ...(o.cartId ? [eb('cart_id', '=', o.cartId)] : []),
      ]))
      .where('product_id', 'in', products).where('at', '>=', since).where('at', '<=', o.placedAt)
      .orderBy('at', 'desc').execute();
    if (!touches.length) return 0;
    const hours = new Map<string, number>();
    for (const id of new Set(touches.map((t) => t.experiment_id as string).filter(Boolean))) {
      const e = await ctx.db.selectFrom('ai_experiments').select('attribution_hours').where('id', '=', id).executeTakeFirst();
      hours.set(id, Number(e?.attribution_hours ?? 24));
    }
    let attributed = 0;
    for (const productId of products) {
      const t = touches.find((x) => x.product_id === productId
        && new Date(o.placedAt).getTime() - new Date(x.at).getTime() <= (hours.get(x.experiment_id) ?? 24) * 3_600_000);
      if (!t) continue;
      const value = o.lines.filter((l) => l.productId === productId).reduce((s, l) => s + l.total, 0);
      const res = await ctx.db.insertInto('ai_outcome_purchases').values({ order_id: o.orderId, product_id: productId, touch_id: t.id, value, at: o.placedAt })
        .onConflict((oc) => oc.columns(['order_id', 'product_id']).doNothing()).executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
      await this.addCounts(ctx, [{ experimentId: t.experiment_id, arm: t.arm, versionId: t.version_id, surface: t.surface, kind: 'purchase', count: 1, value }]);
      attributed++;
    }
    return attributed;
  }
}

function toVersion(r: any): ModelVersionDto {
  return {
    id: r.id, model: r.model, version: Number(r.version), method: r.method, status: r.status,
    trainFrom: r.train_from ?? null, trainTo: r.train_to, holdoutFrom: r.holdout_from, holdoutTo: r.holdout_to,
    trainingExamples: Number(r.training_examples), metrics: JSON.parse(r.metrics), baselineMetrics: r.baseline_metrics ? JSON.parse(r.baseline_metrics) : null,
    baselineVersionId: r.baseline_version_id ?? null, primaryMetric: r.primary_metric, decision: r.decision, reason: r.reason, artefactBytes: Number(r.artefact_bytes),
    runId: r.run_id ?? null, createdAt: r.created_at, promotedAt: r.promoted_at ?? null, retiredAt: r.retired_at ?? null,
  };
}

function toLoaded(r: any): LoadedVersion {
  return { id: r.id, model: r.model, version: Number(r.version), method: r.method, artefact: JSON.parse(gunzipSync(Buffer.from(r.artefact, 'base64')).toString('utf8')) };
}

function toRun(r: any): TrainingRunDto {
  return {
    id: r.id, model: r.model, status: r.status, trigger: r.trigger, options: JSON.parse(r.options), stage: r.stage, percent: Number(r.percent),
    messages: JSON.parse(r.messages), versionId: r.version_id ?? null, error: r.error ?? null, requestedBy: r.requested_by,
    createdAt: r.created_at, startedAt: r.started_at ?? null, finishedAt: r.finished_at ?? null,
  };
}

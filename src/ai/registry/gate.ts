/**
 * The promotion gate and the A/B split: plain functions, no I/O. A candidate serves only if it
 * beats the active version on the same held-back window; traffic splits by a stable hash of the
 * experiment and the subject, so a customer (or an anonymous session) always sees the same arm.
 */
import type { Arm, Decision, Metrics } from './contracts.js';

export interface GateInput {
  primaryMetric: string;
  candidate: Metrics;
  /** The active version's metrics on the candidate's held-back window; undefined when nothing is active. */
  active?: { version: number; metrics: Metrics };
  window: { holdoutFrom: string; holdoutTo: string };
}

export interface GateDecision { decision: Decision; promote: boolean; reason: string }

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(4));
const day = (iso: string) => iso.slice(0, 10);

/** Decides whether a candidate replaces the active version, with the reason in words. */
export function promotionGate(g: GateInput): GateDecision {
  const m = g.primaryMetric;
  const users = g.candidate.users ?? 0;
  const span = `${day(g.window.holdoutFrom)} – ${day(g.window.holdoutTo)}`;
  if (!g.active) {
    return {
      decision: 'first', promote: true,
      reason: `First version: nothing was active to beat. ${m} ${fmt(g.candidate[m])} on ${users} held-back customers (${span}).`,
    };
  }
  const mine = g.candidate[m];
  const theirs = g.active.metrics[m];
  if (!users || mine === undefined || !Number.isFinite(mine)) {
    return { decision: 'rejected', promote: false, reason: `Not promoted: the held-back window (${span}) had no customers to measure on, so it cannot be shown to beat v${g.active.version}.` };
  }
  if (theirs === undefined || !Number.isFinite(theirs) || mine > theirs) {
    const gain = theirs ? ` (${(((mine - theirs) / theirs) * 100).toFixed(1)} % better)` : '';
    return { decision: 'promoted', promote: true, reason: `Promoted: ${m} ${fmt(mine)} against v${g.active.version}'s ${fmt(theirs)}${gain} on ${users} held-back customers (${span}).` };
  }
  return {
    decision: 'rejected', promote: false,
    reason: `Not promoted: ${m} ${fmt(mine)} does not beat v${g.active.version}'s ${fmt(theirs)} on the same ${users} held-back customers (${span}).`,
  };
}

/** FNV-1a, 32 bits: fast, stable across processes and versions of Node. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The arm of an experiment a subject falls in: the same subject always gets the same arm. */
export function assignArm(experimentId: string, subject: string, treatmentPercent: number): Arm {
  return hash32(`${experimentId}:${subject}`) % 100 < treatmentPercent ? 'treatment' : 'control';
}

import { describe, expect, it } from 'vitest';
import { actionsFor, canMove, CONVERSATION_STATUSES, DEFAULT_SLA, escalatedPriority, parseSlaTargets, slaOf, statusAfterCustomerMessage } from './status.js';

describe('conversation lifecycle', () => {
  it('closed is final and offers only notes', () => {
    for (const s of CONVERSATION_STATUSES) expect(canMove('closed', s)).toBe(false);
    expect(actionsFor('closed')).toEqual(['note']);
  });
  it('resolved can be reopened; open cannot', () => {
    expect(actionsFor('resolved')).toContain('reopen');
    expect(actionsFor('open')).not.toContain('reopen');
    expect(actionsFor('open')).toEqual(expect.arrayContaining(['reply', 'assign', 'escalate', 'resolve', 'close']));
  });
  it('a customer message puts the conversation back on the store, unless closed', () => {
    expect(statusAfterCustomerMessage('pending')).toBe('open');
    expect(statusAfterCustomerMessage('resolved')).toBe('open');
    expect(statusAfterCustomerMessage('closed')).toBe('closed');
  });
  it('escalation raises priority to at least high', () => {
    expect(escalatedPriority('low')).toBe('high');
    expect(escalatedPriority('normal')).toBe('high');
    expect(escalatedPriority('urgent')).toBe('urgent');
  });
  it('the first-response clock runs per priority', () => {
    const createdAt = '2025-01-01T10:00:00.000Z';
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: null }, new Date('2025-01-01T10:14:00Z'))).toEqual({
      firstResponseDueAt: '2025-01-01T10:15:00.000Z', breached: false, resolutionDueAt: '2025-01-01T14:00:00.000Z', resolutionBreached: false,
    });
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: null }, new Date('2025-01-01T10:16:00Z')).breached).toBe(true);
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: '2025-01-01T10:10:00Z' }, new Date('2025-01-02T00:00:00Z')).breached).toBe(false);
    expect(slaOf({ createdAt, priority: 'normal', firstResponseAt: '2025-01-01T15:00:00Z' }, new Date('2025-01-02T00:00:00Z')).breached).toBe(true);
  });
  it('the resolution clock runs per priority, with targets the store configures', () => {
    const createdAt = '2025-01-01T10:00:00.000Z';
    const targets = { firstResponse: parseSlaTargets(['normal=30'], DEFAULT_SLA.firstResponse, 'x'), resolution: parseSlaTargets(['normal:120'], DEFAULT_SLA.resolution, 'x') };
    const s = slaOf({ createdAt, priority: 'normal', firstResponseAt: null, resolvedAt: null }, new Date('2025-01-01T12:30:00Z'), targets);
    expect(s).toEqual({ firstResponseDueAt: '2025-01-01T10:30:00.000Z', breached: true, resolutionDueAt: '2025-01-01T12:00:00.000Z', resolutionBreached: true });
    expect(slaOf({ createdAt, priority: 'normal', firstResponseAt: '2025-01-01T10:10:00Z', resolvedAt: '2025-01-01T11:00:00Z' }, new Date('2025-01-03T00:00:00Z'), targets).resolutionBreached).toBe(false);
    expect(() => parseSlaTargets(['soon=5'], DEFAULT_SLA.firstResponse, 'SUPPORT_SLA_FIRST_RESPONSE')).toThrow(/SUPPORT_SLA_FIRST_RESPONSE/);
  });
});

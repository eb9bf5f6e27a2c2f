import { describe, expect, it } from 'vitest';
import { actionsFor, canMove, CONVERSATION_STATUSES, escalatedPriority, slaOf, statusAfterCustomerMessage } from './status.js';

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
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: null }, new Date('2025-01-01T10:14:00Z'))).toEqual({ firstResponseDueAt: '2025-01-01T10:15:00.000Z', breached: false });
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: null }, new Date('2025-01-01T10:16:00Z')).breached).toBe(true);
    expect(slaOf({ createdAt, priority: 'urgent', firstResponseAt: '2025-01-01T10:10:00Z' }, new Date('2025-01-02T00:00:00Z')).breached).toBe(false);
    expect(slaOf({ createdAt, priority: 'normal', firstResponseAt: '2025-01-01T15:00:00Z' }, new Date('2025-01-02T00:00:00Z')).breached).toBe(true);
  });
});

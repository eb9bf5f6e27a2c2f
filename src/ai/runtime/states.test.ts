import { describe, expect, it } from 'vitest';
import { AGENT_STATES, AGENT_TRANSITIONS, IllegalTransition, PIPELINE, StateMachine, canTransition } from './states.js';

describe('agent state machine', () => {
  it('walks the whole pipeline in order', () => {
    const m = new StateMachine();
    for (const s of PIPELINE.slice(1)) m.to(s);
    expect(m.state).toBe('responding');
  });

  it('may skip phases but never goes back', () => {
    const m = new StateMachine();
    m.to('processing');
    m.to('generating');
    expect(() => m.to('retrieving')).toThrow(IllegalTransition);
    expect(canTransition('validating', 'generating')).toBe(false);
    expect(canTransition('responding', 'idle')).toBe(false);
  });

  it('recovers from an error only onto generating, validating or responding', () => {
    const m = new StateMachine();
    m.to('processing');
    m.to('generating');
    m.to('error');
    expect(() => m.to('responding')).toThrow('agent state cannot go from error to responding');
    m.to('recovered');
    m.to('generating');
    m.to('validating');
    m.to('responding');
    expect(AGENT_TRANSITIONS.recovered).not.toContain('retrieving');
  });

  it('every state but error can fail, and error is reachable from every non-terminal state', () => {
    for (const s of AGENT_STATES) if (s !== 'error') expect(canTransition(s, 'error')).toBe(true);
    expect(AGENT_TRANSITIONS.error).toEqual(['recovered']);
  });
});

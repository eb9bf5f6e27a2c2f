/**
 * The agent lifecycle as a transition table (DESIGN.md: lifecycles are tables). A run walks
 * idle → processing → retrieving → analysing → generating → validating → responding, may skip a
 * phase the agent does not have, and never goes back — except through error → recovered, which
 * re-enters the pipeline on the offline path (e.g. after the LLM timed out while generating).
 * The admin reads the same table to draw a run's timeline.
 */

export const AGENT_STATES = ['idle', 'processing', 'retrieving', 'analysing', 'generating', 'validating', 'responding', 'error', 'recovered'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** The happy path, in order; a run may skip phases but only moves forward along it. */
export const PIPELINE = ['idle', 'processing', 'retrieving', 'analysing', 'generating', 'validating', 'responding'] as const;

const forwardFrom = (s: (typeof PIPELINE)[number]): AgentState[] => [...PIPELINE.slice(PIPELINE.indexOf(s) + 1), 'error'];

export const AGENT_TRANSITIONS: Record<AgentState, readonly AgentState[]> = {
  idle: ['processing', 'error'],
  processing: forwardFrom('processing'),
  retrieving: forwardFrom('retrieving'),
  analysing: forwardFrom('analysing'),
  // Generating again is how a rejected LLM draft is replaced by the offline one (through error → recovered).
  generating: forwardFrom('generating'),
  validating: forwardFrom('validating'),
  responding: ['error'],
  // The only ways out of an error: recover onto the offline path, or stay failed (terminal).
  error: ['recovered'],
  recovered: ['generating', 'validating', 'responding', 'error'],
};

export const canTransition = (from: AgentState, to: AgentState): boolean => AGENT_TRANSITIONS[from].includes(to);

/** Thrown when code asks for a move the table does not allow: a bug in the runtime or an agent. */
export class IllegalTransition extends Error {
  constructor(readonly from: AgentState, readonly to: AgentState) {
    super(`agent state cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransition';
  }
}

/** A tiny machine over the table: the current state and the checked move to the next. */
export class StateMachine {
  private current: AgentState = 'idle';
  get state(): AgentState { return this.current; }

  to(next: AgentState): void {
    if (!canTransition(this.current, next)) throw new IllegalTransition(this.current, next);
    this.current = next;
  }
}

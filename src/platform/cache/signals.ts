/**
 * Cluster-wide notifications ("the catalogue changed", "drop this cached key"). Best effort: a
 * node that may have missed some (its subscription dropped) gets `undefined` and resynchronises.
 * The embedded default has no other node to tell.
 */
export interface Signals {
  /**
   * Tells every other node. Resolves once Redis has taken the message (it has then been pushed to
   * every subscriber), so a caller that awaits it before answering knows the other nodes heard
   * first; never rejects.
   */
  publish(topic: string, message?: string): Promise<void>;
  /** Runs `handler` for other nodes' messages on `topic`, and with `undefined` after a gap. Answers the unsubscribe. */
  subscribe(topic: string, handler: (message: string | undefined) => void): () => void;
}

/** One node: nothing to tell anyone. */
export const localSignals: Signals = {
  publish: async () => undefined,
  subscribe: () => () => undefined,
};

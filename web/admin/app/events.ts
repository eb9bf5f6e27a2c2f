/** The admin's subscription to the staff event stream (see @shared/live/event-stream). */
import { openEventStream } from '@shared/live/event-stream';
import { freshToken } from './api';

export interface StoreEvent { id: string; seq: number; type: string; aggregateId: string; payload: any; occurredAt: string }

export interface StreamHandle { close(): void }

/** Calls `onEvent` for each event of the given types (exact, or `prefix.*`) until closed. */
export function subscribeEvents(types: string[], onEvent: (e: StoreEvent) => void, onState?: (live: boolean) => void): StreamHandle {
  const close = openEventStream<StoreEvent>({ types, token: freshToken, onEvent, onState });
  return { close };
}

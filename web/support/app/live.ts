/**
 * Live inbox updates from the staff event stream (see @shared/live/event-stream). The console also
 * polls slowly, so a lost stream only delays updates.
 */
import { openEventStream } from '@shared/live/event-stream';
import { freshToken } from './session';

export interface SupportEvent { seq: number; type: string; aggregateId: string; payload: Record<string, unknown> }

export function subscribeSupport(onEvent: (e: SupportEvent) => void, onState: (live: boolean) => void): () => void {
  return openEventStream<SupportEvent>({ types: ['support.*'], token: freshToken, onEvent, onState });
}

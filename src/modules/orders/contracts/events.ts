import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

/**
 * One event per imported batch, not per order: a history of tens of thousands of orders would
 * otherwise flood every consumer at first start. Consumers that need the orders read them through
 * the service (`scan`) for the announced window.
 */
export const OrderHistoryImported = defineEvent('order.history_imported', 1, 'A batch of historical orders was imported (e.g. the demo store or a migration from another platform).',
  Type.Object({ source: Type.String(), count: Type.Integer(), firstPlacedAt: Type.String(), lastPlacedAt: Type.String() }));

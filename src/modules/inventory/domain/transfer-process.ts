/** The transfer lifecycle as a table: the service and the admin read it to know what may happen next. */
import type { TransferStatus } from '../contracts/service.js';

export type TransferAction = 'receive' | 'cancel';

export const TRANSFER_TRANSITIONS: Record<TransferStatus, Partial<Record<TransferAction, TransferStatus>>> = {
  in_transit: { receive: 'received', cancel: 'cancelled' },
  received: {},
  cancelled: {},
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export const nextTransferStatus = (from: TransferStatus, action: TransferAction): TransferStatus | null => TRANSFER_TRANSITIONS[from][action] ?? null;

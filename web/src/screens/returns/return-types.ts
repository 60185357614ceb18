import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  closeOutcome,
  qcOutcome,
  returnDetail,
  returnLine,
  returnSummary,
} from '../../../../src/http/responses/returns.ts';

export type ReturnStatus = ReturnSummary['status'];
/** Every status, for the filter; statusLabels below must name each the server has. */
export const returnStatuses = ['confirmed', 'receiving', 'closed'] as const satisfies readonly ReturnStatus[];

/** How a seller reads a return's status: pulled and waiting, being received, done. */
export const statusLabels: Record<ReturnStatus, string> = {
  confirmed: 'To receive',
  receiving: 'Receiving',
  closed: 'Closed',
};

/** The answers of /api/returns, as the server declares them (src/http/responses/returns.ts). */
export type ReturnSummary = Wire<typeof returnSummary>;
export type ReturnLine = Wire<typeof returnLine>;
export type ReturnDetail = Wire<typeof returnDetail>;
export type QcOutcome = Wire<typeof qcOutcome>;
export type CloseOutcome = Wire<typeof closeOutcome>;
export type QcResult = QcOutcome['unit']['result'];

export const unitsLeft = (l: ReturnLine) => l.quantity - l.receivedGood - l.receivedBad;

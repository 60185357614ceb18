/** What the return endpoints answer, as far as the console uses it. */
export const returnStatuses = ['confirmed', 'receiving', 'closed'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

/** How a seller reads a return's status: pulled and waiting, being received, done. */
export const statusLabels: Record<ReturnStatus, string> = {
  confirmed: 'To receive',
  receiving: 'Receiving',
  closed: 'Closed',
};

export interface ReturnSummary {
  id: number;
  channel: string;
  externalId: string;
  poNumber: string | null;
  orderId: number | null;
  status: ReturnStatus;
  reason: string | null;
  awb: string | null;
  warehouse: string;
  marketplaceCreatedAt: string | null;
  units: number;
  receivedUnits: number;
  unmappedLines: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReturnLine {
  id: number;
  externalLineId: string;
  channelSku: string;
  sku: string | null;
  ean: string | null;
  name: string | null;
  quantity: number;
  receivedGood: number;
  receivedBad: number;
}

export type ReturnDetail = ReturnSummary & { lines: ReturnLine[] };

export type QcResult = 'good' | 'bad';

export interface QcOutcome {
  return: ReturnDetail;
  unit: { sku: string; result: QcResult; lineId: number; left: number };
  stock: { warehouse: string; onHand: number; damaged: number };
}

export interface CloseOutcome {
  return: ReturnDetail;
  received: { good: number; bad: number };
  missing: { lineId: number; sku: string; units: number }[];
}

export const unitsLeft = (l: ReturnLine) => l.quantity - l.receivedGood - l.receivedBad;

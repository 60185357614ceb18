/** What the manifest endpoints answer, as far as the console uses it. */
export const manifestStatuses = ['draft', 'dispatched', 'partial', 'failed'] as const;
export type ManifestStatus = (typeof manifestStatuses)[number];

export interface ManifestSummary {
  code: string;
  channel: string;
  warehouse: string;
  status: ManifestStatus;
  marketplaceManifestId: string | null;
  orders: number;
  pending: number;
  dispatched: number;
  refused: number;
  createdBy: string;
  createdAt: string;
  dispatchedAt: string | null;
}

export interface ManifestOrder {
  orderId: number;
  poNumber: string;
  status: 'pending' | 'dispatched' | 'refused';
  message: string | null;
  orderStatus: string;
  invoiceNumber: string | null;
  masterAwb: string | null;
  boxes: number;
  weightGrams: number;
}

export interface ManifestDocument {
  id: number;
  kind: string;
  source: string;
  reference: string;
  createdAt: string;
  createdBy: string;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface ManifestDetail extends ManifestSummary {
  items: ManifestOrder[];
  attempts: { attempt: number; marketplaceManifestId: string | null; dispatched: number; refused: number; actor: string; createdAt: string }[];
  documents: ManifestDocument[];
}

export interface DispatchOutcome extends ManifestDetail {
  attempt: number;
  dispatchedNow: number;
  refusedNow: { poNumber: string; message: string }[];
}

export interface ReadyShipment {
  orderId: number;
  poNumber: string;
  channel: string;
  warehouse: string;
  orderStatus: string;
  poDate: string | null;
  invoiceNumber: string;
  masterAwb: string;
  boxes: number;
  weightGrams: number;
  refusedBefore: string | null;
}

export const formatKg = (grams: number) => `${(grams / 1000).toLocaleString('en-IN', { maximumFractionDigits: 2 })} kg`;

/** What the picklist endpoints answer, as far as the console uses it. */
export const picklistStatuses = ['pending', 'picking', 'picked', 'closed'] as const;
export type PicklistStatus = (typeof picklistStatuses)[number];

/** The one step the API allows from each status, and the button that takes it. */
export const nextStep: Record<PicklistStatus, { to: PicklistStatus; label: string } | null> = {
  pending: { to: 'picking', label: 'Start picking' },
  picking: { to: 'picked', label: 'Mark picked' },
  picked: { to: 'closed', label: 'Close' },
  closed: null,
};

export interface PicklistSummary {
  code: string;
  warehouse: string;
  channel: string | null;
  status: PicklistStatus;
  orders: number;
  createdAt: string;
  prefetchedAt: string | null;
  prepack: boolean;
}

export interface PicklistLine {
  skuCode: string;
  ean?: string | null;
  description: string;
  style?: string;
  colour?: string;
  size?: string;
  location?: string | null;
  quantity: number;
  poCount: number;
  poNumbers: string[];
}

export interface PicklistDetail {
  code: string;
  warehouse: string;
  channel: string | null;
  status: PicklistStatus;
  prefetchedAt: string | null;
  prepack: boolean;
  createdBy: string;
  createdAt: string;
  orders: { id: number; poNumber: string; status: string }[];
  lines: PicklistLine[];
}

export interface PrefetchOutcome {
  poNumber: string;
  invoiceNumber?: string;
  masterAwb?: string;
  boxCode?: string;
  skipped?: string;
  error?: string;
}

export interface PrefetchResult {
  code: string;
  orders: PrefetchOutcome[];
}

export const pdfOf = (code: string) => `/api/picklists/${encodeURIComponent(code)}/pdf`;

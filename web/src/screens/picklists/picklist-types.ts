import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  picklistDetail,
  picklistLine,
  picklistSummary,
  prefetchOutcome,
  prefetchResult,
} from '../../../../src/http/responses/picklists.ts';

export type PicklistStatus = PicklistSummary['status'];
/** Every status; nextStep below must name each the server has. */
export const picklistStatuses = ['pending', 'picking', 'picked', 'closed'] as const satisfies readonly PicklistStatus[];

/** The one step the API allows from each status, and the button that takes it. */
export const nextStep: Record<PicklistStatus, { to: PicklistStatus; label: string } | null> = {
  pending: { to: 'picking', label: 'Start picking' },
  picking: { to: 'picked', label: 'Mark picked' },
  picked: { to: 'closed', label: 'Close' },
  closed: null,
};

/** The answers of /api/picklists, as the server declares them (src/http/responses/picklists.ts). */
export type PicklistSummary = Wire<typeof picklistSummary>;
export type PicklistLine = Wire<typeof picklistLine>;
export type PicklistDetail = Wire<typeof picklistDetail>;
export type PrefetchOutcome = Wire<typeof prefetchOutcome>;
export type PrefetchResult = Wire<typeof prefetchResult>;

export const pdfOf = (code: string) => `/api/picklists/${encodeURIComponent(code)}/pdf`;

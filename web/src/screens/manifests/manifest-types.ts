import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  dispatchOutcome,
  manifestDetail,
  manifestOrder,
  manifestSummary,
  readyShipment,
} from '../../../../src/http/responses/manifests.ts';

export type ManifestStatus = ManifestSummary['status'];
/** Every status, for the filter: `satisfies` refuses one the server lacks, the check below one it has and this lacks. */
export const manifestStatuses = [
  'draft',
  'dispatched',
  'partial',
  'failed',
] as const satisfies readonly ManifestStatus[];
export const everyManifestStatusListed: [Exclude<ManifestStatus, (typeof manifestStatuses)[number]>] extends [never]
  ? true
  : never = true;

/** The answers of /api/manifests, as the server declares them (src/http/responses/manifests.ts). */
export type ManifestSummary = Wire<typeof manifestSummary>;
export type ManifestOrder = Wire<typeof manifestOrder>;
export type ManifestDocument = ManifestDetail['documents'][number];
export type ManifestDetail = Wire<typeof manifestDetail>;
export type DispatchOutcome = Wire<typeof dispatchOutcome>;
export type ReadyShipment = Wire<typeof readyShipment>;

export const formatKg = (grams: number) => `${(grams / 1000).toLocaleString('en-IN', { maximumFractionDigits: 2 })} kg`;

import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  alertDestination,
  alertHistory,
  alertHistoryEntry,
  alertSettings,
  testSend,
} from '../../../../src/http/responses/alerts.ts';

/** The answers of /api/alerts, as the server declares them (src/http/responses/alerts.ts). */
export type AlertSettings = Wire<typeof alertSettings>;
export type AlertDestination = Wire<typeof alertDestination>;
export type TestSend = Wire<typeof testSend>;
export type AlertHistory = Wire<typeof alertHistory>;
export type AlertHistoryEntry = Wire<typeof alertHistoryEntry>;

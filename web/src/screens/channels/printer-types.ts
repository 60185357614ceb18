import type { Wire } from '../../../../src/http/responses/common.ts';
import type { printedJob, printerSetting } from '../../../../src/http/responses/print.ts';

/** The answers of /api/settings/printer and /api/orders/:id/print (src/http/responses/print.ts). */
export type PrinterSetting = Wire<typeof printerSetting>;
export type PrintedJob = Wire<typeof printedJob>;

// One seller (POB): credentials, invoice series, catalogue, pendency, POs, manifests, returns
// and what AJIO received. Operations on it live in marketplace.ts, fulfilment.ts, dispatch.ts,
// inventory.ts and returns.ts.
import { Catalog } from './catalog.ts';
import { makeGstin } from './gstin.ts';
import { PendencyStore } from './pendency.ts';
import type { PurchaseOrder } from './purchase-orders.ts';
import { ReceivedLog } from './received.ts';

export interface InvoiceSeries {
  prefix: string;
  start: number;
  end: number;
}

export interface SellerInput {
  username: string;
  password: string;
  invoiceSeries?: InvoiceSeries;
  /** GST state code of the POB (default "27", Maharashtra). */
  stateCode?: string;
  gstin?: string;
  name?: string;
  /**
   * The seller asked AJIO to round invoice values to whole rupees (registered with the invoice
   * series): AJIO's invoice record then carries the round-off and a whole-rupee invoice value.
   */
  invoiceRoundOff?: boolean;
}

export interface ManifestItem {
  orderId: string;
  poNumber: string;
  invoiceNo: string;
  masterAwb: string;
  boxes: number;
  units: number;
}

export interface Manifest {
  id: string;
  createdAt: number;
  items: ManifestItem[];
}

export interface ReturnRecord {
  returnId: string;
  poNumber: string;
  orderItemId: string;
  sku: string;
  quantity: number;
  reason: string;
  awb: string;
  createdAt: number;
  status: string;
}

export const USERNAME_RE = /^DV[A-Za-z0-9]+$/;

export class Seller {
  readonly username: string;
  password: string;
  readonly series: InvoiceSeries;
  nextInvoiceNo: number;
  readonly stateCode: string;
  readonly gstin: string;
  readonly name: string;
  readonly invoiceRoundOff: boolean;
  readonly idPrefix: string;
  readonly createdAt: number;
  catalog = new Catalog();
  pendency = new PendencyStore();
  pos: PurchaseOrder[] = [];
  posByOrderId = new Map<string, PurchaseOrder>();
  posByNumber = new Map<string, PurchaseOrder>();
  /** Box ids on invoiced POs not yet dispatched: reusing one on another PO is a 409. */
  boxesInUse = new Map<string, string>();
  manifests = new Map<string, Manifest>();
  returns: ReturnRecord[] = [];
  counters = { po: 0, awb: 0, manifest: 0, return: 0 };
  /** Sandbox time of the next scheduled PO run (0 = no schedule). */
  nextPoAt = 0;
  /** Position in `dispatchOrder` up to which deliveries have been applied. */
  dispatchOrder: number[] = [];
  deliveredUpTo = 0;
  received = new ReceivedLog();

  constructor(input: SellerInput, serial: number, now: number) {
    this.username = input.username;
    this.password = input.password;
    this.series = input.invoiceSeries ?? {
      prefix: `${input.username.slice(0, 6).toUpperCase()}-`,
      start: 1,
      end: 999_999,
    };
    this.nextInvoiceNo = this.series.start;
    this.stateCode = input.stateCode ?? '27';
    this.name = input.name ?? `${input.username} Fashions Pvt Ltd`;
    this.invoiceRoundOff = input.invoiceRoundOff ?? false;
    this.idPrefix = String(100 + (serial % 900));
    this.gstin = input.gstin ?? makeGstin(this.stateCode, `AAACW${String(1000 + (serial % 9000))}F`);
    this.createdAt = now;
  }

  /** Invoice number from the registered series, zero-padded to the width of `end`. */
  takeInvoiceNumber(): string | undefined {
    if (this.nextInvoiceNo > this.series.end) return undefined;
    const n = this.nextInvoiceNo++;
    return `${this.series.prefix}${String(n).padStart(String(this.series.end).length, '0')}`;
  }
}

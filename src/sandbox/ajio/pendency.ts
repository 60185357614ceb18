// Pendency (customer demand not yet in a PO), stored column-wise: a million lines cost tens
// of megabytes instead of hundreds. Orders own a contiguous run of lines, and order dates
// never decrease (the sandbox clock only moves forward), so date filters are binary searches.
import { float64Column, int32Column, uint8Column } from './growable.ts';

export interface NewLine {
  variant: number;
  quantity: number;
  unitPricePaise: number;
}

export class PendencyStore {
  readonly orderDate = float64Column();
  readonly orderWarehouse = uint8Column();
  readonly orderLineStart = int32Column(); // length = orders + 1
  readonly lineVariant = int32Column();
  readonly lineOrdered = int32Column();
  readonly lineOpen = int32Column(); // still pendency: ordered - cancelled - moved into a PO
  readonly lineCustomerCancelled = int32Column();
  readonly lineSellerCancelled = int32Column();
  readonly linePo = int32Column(); // index into seller.pos, -1 while pending
  readonly lineUnitPrice = int32Column(); // listing price at order time, paise
  private openCache: Int32Array | null = null;

  constructor() {
    this.orderLineStart.push(0);
  }

  get orderCount(): number {
    return this.orderDate.length;
  }

  get lineCount(): number {
    return this.lineVariant.length;
  }

  reserve(orders: number, lines: number): void {
    this.orderDate.reserve(orders);
    this.orderWarehouse.reserve(orders);
    this.orderLineStart.reserve(orders);
    for (const c of this.lineColumns()) c.reserve(lines);
  }

  addOrder(date: number, warehouse: number, lines: NewLine[]): number {
    const index = this.orderDate.push(date);
    this.orderWarehouse.push(warehouse);
    for (const l of lines) {
      this.lineVariant.push(l.variant);
      this.lineOrdered.push(l.quantity);
      this.lineOpen.push(l.quantity);
      this.lineCustomerCancelled.push(0);
      this.lineSellerCancelled.push(0);
      this.linePo.push(-1);
      this.lineUnitPrice.push(l.unitPricePaise);
    }
    this.orderLineStart.push(this.lineVariant.length);
    this.openCache = null;
    return index;
  }

  lineRange(order: number): [number, number] {
    return [this.orderLineStart.get(order), this.orderLineStart.get(order + 1)];
  }

  /** Line index for 1-based line number of an order, or undefined. */
  lineOf(order: number, lineNo: number): number | undefined {
    if (order < 0 || order >= this.orderCount) return undefined;
    const [start, end] = this.lineRange(order);
    const line = start + lineNo - 1;
    return lineNo >= 1 && line < end ? line : undefined;
  }

  orderOfLine(line: number): number {
    const starts = this.orderLineStart.data;
    let lo = 0;
    let hi = this.orderCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Call after any change to open quantities. */
  invalidate(): void {
    this.openCache = null;
  }

  /** Indices of orders with at least one open line, in date order (cached until a change). */
  openOrders(): Int32Array {
    if (this.openCache) return this.openCache;
    const open = this.lineOpen.data;
    const starts = this.orderLineStart.data;
    const out = new Int32Array(this.orderCount);
    let n = 0;
    for (let o = 0; o < this.orderCount; o++) {
      for (let l = starts[o]; l < starts[o + 1]; l++) {
        if (open[l] > 0) {
          out[n++] = o;
          break;
        }
      }
    }
    this.openCache = out.slice(0, n);
    return this.openCache;
  }

  /** First position in `orders` whose date is >= `from` (orders sorted by date). */
  lowerBound(orders: Int32Array, from: number): number {
    let lo = 0;
    let hi = orders.length;
    const dates = this.orderDate.data;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dates[orders[mid]] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  lineColumns() {
    return [
      this.lineVariant,
      this.lineOrdered,
      this.lineOpen,
      this.lineCustomerCancelled,
      this.lineSellerCancelled,
      this.linePo,
      this.lineUnitPrice,
    ];
  }
}

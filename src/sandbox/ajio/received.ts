// What AJIO "received" from a seller, kept so tests can assert on it. Lists are capped so a
// long benchmark cannot grow them without bound; inventory keeps the latest value per SKU.
export const RECEIVED_KINDS = [
  'inventory',
  'invoices',
  'einvoice-updates',
  'shipments',
  'manifests',
  'cancellations',
  'writes',
] as const;
export type ReceivedKind = (typeof RECEIVED_KINDS)[number];

const LIST_CAP = 10_000;

export interface InventoryReceipt {
  sku: string;
  productId: string;
  variantId: string;
  inventory: number;
  receivedAt: number;
  updates: number;
}

export interface InventoryBatch {
  receivedAt: number;
  count: number;
  status: string;
  failed: string[];
}

/** One write request as it arrived (method, path under the API prefix, parsed JSON body), in order. */
export interface WriteReceipt {
  method: string;
  path: string;
  body: unknown;
  receivedAt: number;
}

export class ReceivedLog {
  /** Every write call as received, whatever became of it: what a shadow channel's would-send log is compared with. */
  writes: WriteReceipt[] = [];
  inventory = new Map<string, InventoryReceipt>();
  inventoryBatches: InventoryBatch[] = [];
  invoices: unknown[] = [];
  einvoiceUpdates: unknown[] = [];
  shipments: unknown[] = [];
  manifests: unknown[] = [];
  cancellations: unknown[] = [];

  push(list: unknown[], entry: unknown, cap = LIST_CAP): void {
    list.push(entry);
    if (list.length > cap) list.splice(0, list.length - cap);
  }

  recordInventory(r: Omit<InventoryReceipt, 'updates'>): void {
    const prev = this.inventory.get(r.sku);
    if (!prev) this.inventory.set(r.sku, { ...r, updates: 1 });
    else {
      prev.inventory = r.inventory;
      prev.receivedAt = r.receivedAt;
      prev.updates++;
    }
  }

  recordBatch(batch: InventoryBatch): void {
    this.push(this.inventoryBatches, batch, 1000);
  }

  view(kind: ReceivedKind): unknown {
    switch (kind) {
      case 'inventory':
        return { items: [...this.inventory.values()], batches: this.inventoryBatches };
      case 'invoices':
        return { items: this.invoices };
      case 'einvoice-updates':
        return { items: this.einvoiceUpdates };
      case 'shipments':
        return { items: this.shipments };
      case 'manifests':
        return { items: this.manifests };
      case 'cancellations':
        return { items: this.cancellations };
      case 'writes':
        return { items: this.writes };
    }
  }

  /** Everything received, counted per kind, and whether there was nothing at all (a shadow channel's proof). */
  summary() {
    const counts = {
      inventory: this.inventory.size,
      inventoryBatches: this.inventoryBatches.length,
      invoices: this.invoices.length,
      einvoiceUpdates: this.einvoiceUpdates.length,
      shipments: this.shipments.length,
      manifests: this.manifests.length,
      cancellations: this.cancellations.length,
      writes: this.writes.length,
    };
    return { nothing: Object.values(counts).every((n) => n === 0), counts, writes: this.writes };
  }

  toJSON() {
    return {
      inventory: [...this.inventory.values()],
      inventoryBatches: this.inventoryBatches,
      invoices: this.invoices,
      einvoiceUpdates: this.einvoiceUpdates,
      shipments: this.shipments,
      manifests: this.manifests,
      cancellations: this.cancellations,
      writes: this.writes,
    };
  }

  static fromJSON(data: Omit<ReturnType<ReceivedLog['toJSON']>, 'writes'> & { writes?: WriteReceipt[] }): ReceivedLog {
    const log = new ReceivedLog();
    for (const r of data.inventory) log.inventory.set(r.sku, r);
    log.inventoryBatches = data.inventoryBatches;
    log.invoices = data.invoices;
    log.einvoiceUpdates = data.einvoiceUpdates;
    log.shipments = data.shipments;
    log.manifests = data.manifests;
    log.cancellations = data.cancellations;
    // Snapshots saved before the write journal existed have none.
    log.writes = data.writes ?? [];
    return log;
  }
}

import {
  buildEInvoicePayload,
  type CancelReason,
  EInvoicePayloadError,
  IrpClient,
  IrpError,
  type EInvoiceInput,
  type GenerateResult,
} from '../../einvoice/index.ts';
import type { InvoiceData } from '../documents/render/invoice.ts';
import type { IrpAccess } from '../channel-descriptor.ts';
import { AppError } from '../errors.ts';
import { stateByCode, TaxRuleError } from '../../tax/index.ts';

/**
 * Registers an invoice at the GST e-invoice system (IRP) and returns its IRN, acknowledgement and
 * signed QR. The IRP client generates exactly once per document: after a timeout it looks the
 * document up, and a duplicate (2150) adopts the existing IRN — never a second one.
 */
const clients = new Map<string, IrpClient>();

function clientFor(access: IrpAccess, gstin: string): IrpClient {
  const key = JSON.stringify([access, gstin]);
  let client = clients.get(key);
  if (!client) {
    client = new IrpClient({ ...access, gstin });
    clients.set(key, client);
  }
  return client;
}

/** Weft's invoice data in the IRP's terms (INV-01 through src/einvoice). */
export function einvoiceInput(data: InvoiceData): EInvoiceInput {
  const lines = (address: readonly string[], fallback: string) => {
    const [address1, address2] = splitAddress(address.join(', ') || fallback);
    return { address1, address2 };
  };
  return {
    type: data.creditNote ? 'CRN' : 'INV',
    number: data.number,
    date: data.date,
    seller: {
      gstin: data.supplier.gstin,
      legalName: data.supplier.name,
      ...lines(data.supplier.address, data.supplier.name),
      location: stateByCode(data.supplier.stateCode).name,
      pincode: pinOf(data.supplier.address),
      stateCode: data.supplier.stateCode,
    },
    buyer: {
      gstin: data.recipient.gstin,
      legalName: data.recipient.name,
      ...lines(data.recipient.address, data.recipient.name),
      location: stateByCode(data.recipient.stateCode).name,
      pincode: pinOf(data.recipient.address),
      stateCode: data.recipient.stateCode,
    },
    placeOfSupply: data.placeOfSupplyCode,
    shipTo: {
      legalName: data.shipTo.name,
      ...lines(data.shipTo.address, data.shipTo.name),
      location: stateByCode(data.shipTo.stateCode ?? data.placeOfSupplyCode).name,
      pincode: pinOf(data.shipTo.address),
      stateCode: data.shipTo.stateCode ?? data.placeOfSupplyCode,
    },
    lines: data.lines.map((l) => ({
      description: l.description,
      hsn: l.hsn,
      quantity: l.quantity,
      unit: l.unit ?? 'PCS',
      unitPricePaise: l.unitPricePaise,
      ratePercent: l.ratePercent,
      orderLineRef: l.sku,
    })),
    purchaseOrder: data.poDate ? { number: data.poNumber, date: data.poDate } : undefined,
    // A credit note names the invoice it credits (RefDtls.PrecDocDtls).
    precedingInvoice: data.creditNote
      ? { number: data.creditNote.invoiceNumber, date: data.creditNote.invoiceDate }
      : undefined,
    // The same rounding and round-off as the printed invoice, so the IRN's values are the paper's.
    roundOff: data.roundOff ?? 'rupee',
    taxRounding: data.taxRounding,
  };
}

/**
 * INV-01 gives an address two lines of at most 100 characters (d3). Longer addresses are cut at a
 * comma or space so that no word is split; what does not fit in 200 characters is dropped.
 */
export function splitAddress(text: string): [string, string | undefined] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= 100) return [clean, undefined];
  const cut = Math.max(clean.lastIndexOf(', ', 100), clean.lastIndexOf(' ', 100));
  const at = cut > 20 ? cut : 100;
  const rest = clean.slice(at).replace(/^[, ]+/, '');
  return [
    clean.slice(0, at),
    rest.length > 100
      ? rest.slice(0, rest.lastIndexOf(' ', 100) > 20 ? rest.lastIndexOf(' ', 100) : 100)
      : rest || undefined,
  ];
}

/** The six-digit PIN in an address, where there is one; the IRP needs one for every party. */
function pinOf(address: readonly string[]): string {
  const pin = address.join(' ').match(/\b[1-9]\d{5}\b/);
  if (!pin)
    throw new AppError(
      'conflict',
      `The address "${address.join(', ')}" has no PIN code, which the e-invoice needs: add it.`,
    );
  return pin[0];
}

/**
 * Cancels an IRN at the IRP (c7). The IRP allows it within 24 hours of the IRN only; its refusal past that
 * (2270) is answered as `past-window`, so the caller flags the invoice instead of retrying.
 */
export async function cancelEInvoice(
  access: IrpAccess,
  gstin: string,
  irn: string,
  reason: CancelReason,
  remark: string,
): Promise<{ outcome: 'cancelled'; cancelDate: string | null } | { outcome: 'past-window'; message: string }> {
  try {
    const { cancelDate } = await clientFor(access, gstin).cancelIrn(irn, reason, remark);
    return { outcome: 'cancelled', cancelDate };
  } catch (error) {
    if (error instanceof IrpError && error.hasCode('2270')) return { outcome: 'past-window', message: error.message };
    if (error instanceof IrpError) {
      const kind = error.kind === 'retryable' || error.kind === 'indeterminate' ? 'unavailable' : 'conflict';
      throw new AppError(kind, `The IRN ${irn} was not cancelled: ${error.message}`);
    }
    throw error;
  }
}

export async function registerEInvoice(access: IrpAccess, data: InvoiceData): Promise<GenerateResult> {
  let payload: ReturnType<typeof buildEInvoicePayload>['payload'];
  try {
    payload = buildEInvoicePayload(einvoiceInput(data)).payload;
  } catch (error) {
    if (error instanceof EInvoicePayloadError || error instanceof TaxRuleError) {
      throw new AppError(
        'conflict',
        `The e-invoice for ${data.number} cannot be made: ${error.message}. Correct the warehouse or SKU data, then make the documents again.`,
      );
    }
    throw error;
  }
  try {
    return await clientFor(access, data.supplier.gstin).generateIrn(payload);
  } catch (error) {
    if (error instanceof IrpError) {
      const kind = error.kind === 'retryable' || error.kind === 'indeterminate' ? 'unavailable' : 'conflict';
      throw new AppError(kind, `The e-invoice for ${data.number} was not registered: ${error.message}`);
    }
    throw error;
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { fromDdMmYyyy } from '../tax/business-date.ts';
import { verifyAdoptable } from './adopt.ts';
import type { GenerateResult, IrnRegistry } from './irp-port.ts';
import { duplicateIrnInfo } from './envelope.ts';
import { IrpError } from './irp-error.ts';
import type { EInvoicePayload, IrnDetails } from './types.ts';

/**
 * Exactly-once IRN generation (docs/gst.md c9 recipe):
 * - one POST; if it ends ambiguously (timeout, transport, 5xx) or with 2146/2147, read back by
 *   document before anything else, adopt what is found, and POST again only when nothing is;
 * - a 2150 duplicate is recovered from `InfoDtls[DUPIRN]` and GET by IRN (or by document when DUPIRN
 *   is missing) — never by issuing a second IRN;
 * - anything adopted is first checked to be this document (adopt.ts).
 */
export async function generateExactlyOnce(client: IrnRegistry, payload: EInvoicePayload): Promise<GenerateResult> {
  const attempts = Math.max(1, client.options.maxGenerateAttempts ?? 2);
  let lastError: IrpError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (lastError) {
      const found = await lookupByDocument(client, payload);
      if (found) return adopt(client, payload, found, 'adopted-after-lookup', lastError.info);
      await sleep(client.options.retryDelayMs ?? 1000);
    }
    try {
      return await client.postInvoice(payload);
    } catch (error) {
      if (!(error instanceof IrpError) || (error.kind !== 'indeterminate' && error.kind !== 'retryable')) throw error;
      lastError = error;
    }
  }
  // The last POST was ambiguous too: one more read settles whether it registered.
  const found = await lookupByDocument(client, payload);
  if (found) return adopt(client, payload, found, 'adopted-after-lookup', lastError?.info ?? []);
  throw lastError ?? new IrpError('generate', 'indeterminate', 'no attempt was made');
}

async function lookupByDocument(client: IrnRegistry, payload: EInvoicePayload): Promise<IrnDetails | null> {
  return client.getIrnByDocument({
    docType: payload.DocDtls.Typ,
    docNo: payload.DocDtls.No,
    docDate: fromDdMmYyyy(payload.DocDtls.Dt, 'DocDtls.Dt'),
  });
}

function adopt(
  client: IrnRegistry,
  payload: EInvoicePayload,
  details: IrnDetails,
  outcome: GenerateResult['outcome'],
  info: GenerateResult['info'],
): GenerateResult {
  verifyAdoptable(details, payload, client.options.signingPublicKeyPem);
  return { ...details, outcome, info };
}

/** 2150: the IRN exists. Adopt it through DUPIRN + GET by IRN; never POST again. */
export async function adoptFromDuplicate(
  client: IrnRegistry,
  payload: EInvoicePayload,
  error: IrpError,
): Promise<GenerateResult> {
  const dup = duplicateIrnInfo(error.info);
  if (dup) {
    const details = await client.getIrnDetails(dup.irn);
    if (details) return adopt(client, payload, details, 'adopted-duplicate', error.info);
    // 2283/2148: details no longer served. Adopt Irn/AckNo/AckDt from DUPIRN; the signed QR must come
    // from the GST portal (c9), so the signed fields stay null for the caller to flag.
    if (dup.ackNo && dup.ackDt) {
      return {
        irn: dup.irn,
        ackNo: dup.ackNo,
        ackDt: dup.ackDt,
        signedInvoice: null,
        signedQrCode: null,
        status: 'ACT',
        outcome: 'adopted-duplicate',
        info: error.info,
      };
    }
  }
  const found = await lookupByDocument(client, payload);
  if (found) return adopt(client, payload, found, 'adopted-duplicate', error.info);
  throw new IrpError(
    'generate',
    'conflict',
    `2150 duplicate IRN for ${payload.DocDtls.Typ} ${payload.DocDtls.No}, but the existing IRN could not be read back; resolve on the IRP portal before retrying`,
    {
      errors: error.errors,
      info: error.info,
    },
  );
}

import { decodeSignedInvoice, verifyJwsRs256 } from './qr.ts';
import { IrpError } from './irp-error.ts';
import type { EInvoicePayload, IrnDetails } from './types.ts';

/**
 * Before adopting an IRN that the IRP already held (found by a lookup after a timeout, or named by a
 * 2150 DUPIRN), check that it registers *this* document: same type, number, date, buyer GSTIN and
 * invoice value (docs/gst.md c9 recipe steps 3–4, after india-compliance's
 * `verify_e_invoice_details`). A mismatch means the number was used for other content: raise it to an
 * operator and never reuse the number.
 */
export function verifyAdoptable(details: IrnDetails, payload: EInvoicePayload, signingPublicKeyPem?: string): void {
  const what = `${payload.DocDtls.Typ} ${payload.DocDtls.No}`;
  if (details.status === 'CNL') {
    // a2: the number of a cancelled IRN can never be used again, so there is nothing to adopt.
    throw new IrpError(
      'adopt',
      'conflict',
      `IRN ${details.irn} for ${what} was cancelled; the number cannot be reused — issue the document under a new number`,
    );
  }
  if (!details.signedInvoice) return; // Nothing to compare (2283 window passed); the DUPIRN key match stands.
  if (signingPublicKeyPem && !verifyJwsRs256(details.signedInvoice, signingPublicKeyPem)) {
    throw new IrpError(
      'adopt',
      'conflict',
      `the SignedInvoice for IRN ${details.irn} (${what}) does not verify under the configured IRP signing key`,
    );
  }
  const registered = decodeSignedInvoice(details.signedInvoice) as {
    DocDtls?: { Typ?: string; No?: string; Dt?: string };
    BuyerDtls?: { Gstin?: string };
    ValDtls?: { TotInvVal?: number };
  };
  const mismatches: string[] = [];
  const theirs = registered.DocDtls ?? {};
  if (theirs.Typ !== payload.DocDtls.Typ) mismatches.push(`document type ${theirs.Typ}`);
  if ((theirs.No ?? '').toUpperCase() !== payload.DocDtls.No.toUpperCase()) mismatches.push(`number ${theirs.No}`);
  if (theirs.Dt !== payload.DocDtls.Dt) mismatches.push(`date ${theirs.Dt}`);
  if (registered.BuyerDtls?.Gstin !== payload.BuyerDtls.Gstin)
    mismatches.push(`buyer GSTIN ${registered.BuyerDtls?.Gstin}`);
  const total = registered.ValDtls?.TotInvVal;
  if (typeof total !== 'number' || Math.round(total * 100) !== Math.round(payload.ValDtls.TotInvVal * 100)) {
    mismatches.push(`invoice value ${total}`);
  }
  if (mismatches.length > 0) {
    throw new IrpError(
      'adopt',
      'conflict',
      `IRN ${details.irn} already registers ${what} with ${mismatches.join(', ')}, which differs from this payload; ` +
        'do not reuse the number — an operator must resolve it (docs/gst.md c9)',
    );
  }
}

import { IrpClient, IrpError } from '../einvoice/index.ts';
import type { IrpAccess } from './channel-descriptor.ts';
import { AppError } from './errors.ts';

/**
 * "Test e-invoicing": signs in to the IRP with a channel's e-invoicing settings and the GSTIN of its
 * warehouse, and says the outcome in plain words — which credential the IRP refused and what to check —
 * so a wrong secret is found at setup, not at the first pack.
 */
export interface EinvoicingTested {
  ok: true;
  gstin: string;
  userName: string;
  tokenValidUntil: Date;
  message: string;
}

/** NIC's auth refusals (docs/gst.md c9), each as what to check. */
const refusals: Record<string, (gstin: string) => string> = {
  '1010': () =>
    'The IRP refused the client id or the client secret: check both against what NIC (or your GSP) issued for this GSTIN.',
  '1008': () =>
    'The IRP refused the e-invoicing username or password: check the API user made on the e-invoice portal (not the GST portal login) and its password.',
  '1013': () =>
    "The IRP could not decrypt the password: the public key is not this IRP's: use the public key of the IRP address you set (sandbox and production keys differ).",
  '1016': () =>
    "The IRP could not decrypt the app key: the public key is not this IRP's: use the public key of the IRP address you set.",
  '1004': (gstin) =>
    `The IRP does not accept GSTIN ${gstin} for this API user: the warehouse's GSTIN must be the one the e-invoicing API user was made for.`,
};

export async function testEinvoicing(
  access: IrpAccess,
  gstin: string,
  now: () => Date = () => new Date(),
): Promise<EinvoicingTested> {
  let client: IrpClient;
  try {
    client = new IrpClient({ ...access, gstin, maxGenerateAttempts: 1, timeoutMs: 15_000 });
  } catch (error) {
    throw new AppError('invalid', plainIrpMessage(error, access, gstin));
  }
  try {
    const session = await client.authenticate({ force: true });
    const minutes = Math.max(0, Math.round((session.expiresAt.getTime() - now().getTime()) / 60_000));
    return {
      ok: true,
      gstin,
      userName: session.userName,
      tokenValidUntil: session.expiresAt,
      message: `Signed in to the IRP as GSTIN ${gstin} (user ${session.userName}); the token is valid for ${minutes} minutes. E-invoices will be registered at ${access.baseUrl}.`,
    };
  } catch (error) {
    const refused = error instanceof IrpError && error.errors.some((e) => refusals[e.code]);
    const keyBroken = !(error instanceof IrpError) && error instanceof Error && /key|PEM|decoder/i.test(error.message);
    if (refused || keyBroken) throw new AppError('login_refused', plainIrpMessage(error, access, gstin));
    throw new AppError('unavailable', plainIrpMessage(error, access, gstin));
  }
}

function plainIrpMessage(error: unknown, access: IrpAccess, gstin: string): string {
  if (error instanceof IrpError) {
    const known = error.errors.find((e) => refusals[e.code]);
    if (known) return `${refusals[known.code](gstin)} (IRP ${known.code}: ${known.message})`;
    const detail = error.message.replace(/^IRP \w+: /, '');
    if (error.kind === 'config')
      return `The IRP at ${access.baseUrl} did not sign Weft in: ${detail}. Check the IRP address and the other e-invoicing settings.`;
    return `The IRP at ${access.baseUrl} could not be reached (${detail}): check the IRP address, or try again later.`;
  }
  if (error instanceof Error && /key|PEM|decoder/i.test(error.message))
    return 'The public key is not a readable RSA public key: paste the whole PEM NIC gives for the environment, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----.';
  throw error;
}

import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from 'node:crypto';

/**
 * NIC's IRP auth and encryption flow, exactly as docs/gst.md c3 gives it:
 * 1. AppKey = 32 random bytes (Base64: 44 characters).
 * 2. Auth payload JSON → Base64 → RSA-encrypted with NIC's public key (PKCS#1 v1.5, as india-compliance
 *    does) → Base64, sent as `{"Data": …}`.
 * 3. The response's `Sek` is AES-256-ECB/PKCS7 under the raw AppKey; decrypting it gives the session key.
 * 4. Later request bodies are AES-256-ECB/PKCS7 under the SEK, Base64; response `Data` likewise.
 * ECB is NIC's choice, not ours; it is only used as NIC specifies.
 */
export interface AuthPayload {
  readonly UserName: string;
  readonly Password: string;
  readonly AppKey: string;
  readonly ForceRefreshAccessToken: boolean;
}

export class IrpCryptoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IrpCryptoError';
  }
}

export function generateAppKey(): Buffer {
  return randomBytes(32);
}

function requireKey(key: Buffer, what: string): void {
  if (key.length !== 32) throw new IrpCryptoError(`${what} must be 32 bytes for AES-256, got ${key.length}`);
}

/** Step 2: `{"Data": <this>}` for POST eivital/v1.04/auth. */
export function encryptAuthPayload(payload: AuthPayload, publicKeyPem: string): string {
  const base64Json = Buffer.from(Buffer.from(JSON.stringify(payload), 'utf8').toString('base64'), 'utf8');
  try {
    return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, base64Json).toString('base64');
  } catch (cause) {
    throw new IrpCryptoError(
      'could not RSA-encrypt the IRP auth payload; check the IRP public key (PEM) in the e-invoicing settings',
      { cause },
    );
  }
}

export function aesEncrypt(key: Buffer, plaintext: Buffer | string): string {
  requireKey(key, 'AES key');
  const cipher = createCipheriv('aes-256-ecb', key, null);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return Buffer.concat([cipher.update(data), cipher.final()]).toString('base64');
}

export function aesDecrypt(key: Buffer, base64Ciphertext: string): Buffer {
  requireKey(key, 'AES key');
  try {
    const decipher = createDecipheriv('aes-256-ecb', key, null);
    return Buffer.concat([decipher.update(Buffer.from(base64Ciphertext, 'base64')), decipher.final()]);
  } catch (cause) {
    // c3.3: a wrong key shows up as a padding error.
    throw new IrpCryptoError('AES decryption failed (bad padding): the key does not match the data', { cause });
  }
}

/** Step 3: the session key from the auth response's `Sek`. */
export function decryptSek(encryptedSek: string, appKey: Buffer): Buffer {
  const sek = aesDecrypt(appKey, encryptedSek);
  if (sek.length !== 32) throw new IrpCryptoError(`the decrypted SEK is ${sek.length} bytes; expected 32`);
  return sek;
}

/** Step 4: request body `Data`. */
export function encryptJson(sek: Buffer, value: unknown): string {
  return aesEncrypt(sek, JSON.stringify(value));
}

/** Step 4: response `Data`. */
export function decryptJson<T>(sek: Buffer, data: string): T {
  const text = aesDecrypt(sek, data).toString('utf8');
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new IrpCryptoError('decrypted IRP response is not JSON', { cause });
  }
}

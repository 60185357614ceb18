import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  sign,
} from 'node:crypto';

/**
 * The IRP side of NIC's crypto (docs/gst.md c3, c6), written independently of src/einvoice/crypto.ts
 * so that a mistake in the client cannot be mirrored here and pass unnoticed.
 */
export interface RsaKeyPair {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

export function generateRsaKeyPair(): RsaKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/**
 * RSA PKCS#1 v1.5 decryption. Node 20 refuses RSA_PKCS1_PADDING in privateDecrypt (CVE-2023-46809,
 * the Marvin timing attack), so the sandbox decrypts raw and strips the `00 02 PS 00` block itself.
 * Timing leaks do not matter in a test double; production never decrypts — NIC does.
 */
export function rsaDecryptPkcs1(privateKeyPem: string, ciphertext: Buffer): Buffer {
  const block = privateDecrypt({ key: createPrivateKey(privateKeyPem), padding: constants.RSA_NO_PADDING }, ciphertext);
  if (block[0] !== 0x00 || block[1] !== 0x02) throw new Error('not a PKCS#1 v1.5 encryption block');
  const separator = block.indexOf(0x00, 2);
  if (separator < 10) throw new Error('PKCS#1 v1.5 padding too short');
  return block.subarray(separator + 1);
}

export function aes256EcbEncrypt(key: Buffer, plaintext: Buffer): string {
  const cipher = createCipheriv('aes-256-ecb', key, null);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
}

export function aes256EcbDecrypt(key: Buffer, base64: string): Buffer {
  const decipher = createDecipheriv('aes-256-ecb', key, null);
  return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]);
}

/**
 * A JWS compact token, RS256, header `{alg, kid, typ:"JWT", x5t}` as the IRP signs (c6). The IRP's
 * x5t is its certificate's SHA-1 thumbprint; the sandbox has no certificate and uses the SHA-1 of the
 * public key's DER instead.
 */
export function signJwsRs256(payload: Record<string, unknown>, keys: RsaKeyPair, kid: string): string {
  const der = createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' });
  const header = { alg: 'RS256', kid, typ: 'JWT', x5t: createHash('sha1').update(der).digest('base64url') };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(keys.privateKeyPem)).toString('base64url');
  return `${input}.${signature}`;
}

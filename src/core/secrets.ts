import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { weftMeta } from '../db/schema.ts';
import { ConfigError, decodeKey } from '../config/config.ts';

/**
 * Encrypts marketplace and e-invoice passwords at rest with AES-256-GCM. A sealed value is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url; the version prefix leaves room for key rotation.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The master key must be 32 bytes.');
    this.#key = key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws when the value was sealed under another key or was altered. */
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed secret.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** JSON convenience for credential objects. */
  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }
}

const keyFileName = 'master.key';

/**
 * The master key: WEFT_MASTER_KEY when set, else a key file in the data folder, made on first run
 * with mode 0600. Several machines sharing one PostgreSQL must share WEFT_MASTER_KEY.
 */
export function loadMasterKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const path = join(dataDir, keyFileName);
  if (existsSync(path)) {
    const key = decodeKey(readFileSync(path, 'utf8'));
    if (!key)
      throw new ConfigError(`The key file ${path} is damaged: restore it from a backup or set WEFT_MASTER_KEY.`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

const checkKey = 'master_key_check';
const checkText = 'weft master key check';

/**
 * Proves the key is the one this database was set up with, before any secret is written under a
 * wrong key. The first start stores a sealed known text; later starts must be able to open it.
 */
export async function verifyMasterKey(db: Db, box: SecretBox): Promise<void> {
  const [row] = await db.select().from(weftMeta).where(eq(weftMeta.key, checkKey));
  if (!row) {
    await db
      .insert(weftMeta)
      .values({ key: checkKey, value: box.seal(checkText) })
      .onConflictDoNothing();
    return verifyMasterKey(db, box);
  }
  let opened = '';
  try {
    opened = box.open(row.value);
  } catch {
    // reported below
  }
  if (opened !== checkText) {
    throw new ConfigError(
      'WEFT_MASTER_KEY (or the key file) does not match the key this database was set up with: use the original key; secrets stored under it cannot be read otherwise.',
    );
  }
}

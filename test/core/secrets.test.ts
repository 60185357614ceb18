import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMasterKey, SecretBox, verifyMasterKey } from '../../src/core/secrets.ts';
import { ConfigError } from '../../src/config/config.ts';
import { createTestDatabase, databaseKinds } from '../helpers/databases.ts';

test('sealed secrets open with the same key only, and tampering is detected', () => {
  const box = new SecretBox(randomBytes(32));
  const sealed = box.seal('p@ssw0rd');
  assert.ok(!sealed.includes('p@ssw0rd'));
  assert.notEqual(box.seal('p@ssw0rd'), sealed, 'a fresh IV each time');
  assert.equal(box.open(sealed), 'p@ssw0rd');
  assert.throws(() => new SecretBox(randomBytes(32)).open(sealed));
  const parts = sealed.split('.');
  parts[3] = Buffer.from('xxxx').toString('base64url');
  assert.throws(() => box.open(parts.join('.')));
  assert.deepEqual(box.openJson(box.sealJson({ a: 1 })), { a: 1 });
});

test('without WEFT_MASTER_KEY a key file is made once, readable by the owner only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-key-'));
  const first = loadMasterKey(undefined, dir);
  assert.equal(statSync(join(dir, 'master.key')).mode & 0o777, 0o600);
  assert.deepEqual(loadMasterKey(undefined, dir), first);
  const configured = randomBytes(32);
  assert.deepEqual(loadMasterKey(configured, dir), configured);
});

for (const kind of databaseKinds) {
  describe(`master key check (${kind})`, () => {
    test('the database remembers its key and refuses another one with a clear sentence', async () => {
      const database = await createTestDatabase(kind);
      try {
        const key = randomBytes(32);
        await verifyMasterKey(database.db, new SecretBox(key));
        await verifyMasterKey(database.db, new SecretBox(key));
        await assert.rejects(
          verifyMasterKey(database.db, new SecretBox(randomBytes(32))),
          (error) =>
            error instanceof ConfigError && /does not match the key this database was set up with/.test(error.message),
        );
      } finally {
        await database.dispose();
      }
    });
  });
}

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import {
  aesDecrypt,
  aesEncrypt,
  decryptJson,
  decryptSek,
  encryptAuthPayload,
  encryptJson,
  generateAppKey,
  IrpCryptoError,
} from '../../src/einvoice/crypto.ts';
import { generateRsaKeyPair, rsaDecryptPkcs1 } from '../../src/sandbox/irp/sandbox-crypto.ts';

describe('NIC crypto (docs/gst.md c3)', () => {
  test('AES-256-ECB matches the FIPS-197 AES-256 vector, with PKCS7 padding after it', () => {
    const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    const ciphertext = Buffer.from(aesEncrypt(key, Buffer.from('00112233445566778899aabbccddeeff', 'hex')), 'base64');
    assert.equal(ciphertext.length, 32, 'a full block of padding follows a 16-byte plaintext');
    assert.equal(ciphertext.subarray(0, 16).toString('hex'), '8ea2b7ca516745bfeafc49904b496089');
  });
  test('AppKey is 32 bytes, 44 Base64 characters', () => {
    const appKey = generateAppKey();
    assert.equal(appKey.length, 32);
    assert.equal(appKey.toString('base64').length, 44);
  });
  test('the auth payload is RSA(Base64(JSON)) and decrypts back', () => {
    const keys = generateRsaKeyPair();
    const payload = {
      UserName: 'u',
      Password: 'p',
      AppKey: generateAppKey().toString('base64'),
      ForceRefreshAccessToken: false,
    };
    const data = encryptAuthPayload(payload, keys.publicKeyPem);
    const base64Json = rsaDecryptPkcs1(keys.privateKeyPem, Buffer.from(data, 'base64')).toString('utf8');
    assert.deepEqual(JSON.parse(Buffer.from(base64Json, 'base64').toString('utf8')), payload);
    assert.throws(() => encryptAuthPayload(payload, 'not a key'), IrpCryptoError);
  });
  test('SEK decrypts under the AppKey; payloads round-trip under the SEK', () => {
    const appKey = generateAppKey();
    const sek = generateAppKey();
    const cipher = createCipheriv('aes-256-ecb', appKey, null);
    const encryptedSek = Buffer.concat([cipher.update(sek), cipher.final()]).toString('base64');
    assert.deepEqual(decryptSek(encryptedSek, appKey), sek);
    const value = { Irn: 'x', n: 1.5, text: 'नमस्ते' };
    assert.deepEqual(decryptJson(sek, encryptJson(sek, value)), value);
  });
  test('a wrong key is reported as a key mismatch', () => {
    const data = aesEncrypt(generateAppKey(), 'hello world');
    assert.throws(() => aesDecrypt(generateAppKey(), data), /key does not match/);
    assert.throws(() => aesEncrypt(Buffer.alloc(16), 'x'), /32 bytes/);
  });
});

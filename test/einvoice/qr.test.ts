import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeJws,
  decodeSignedInvoice,
  decodeSignedQr,
  SignedTokenError,
  verifyJwsRs256,
} from '../../src/einvoice/qr.ts';
import { generateRsaKeyPair, signJwsRs256 } from '../../src/sandbox/irp/sandbox-crypto.ts';

const keys = generateRsaKeyPair();
const qrData = {
  SellerGstin: '27AAPFU0939F1ZV',
  BuyerGstin: '29AABCR1718E1ZL',
  DocNo: 'WFT/25-26/000123',
  DocTyp: 'INV',
  DocDt: '23/09/2025',
  TotInvVal: 9440,
  ItemCnt: 1,
  MainHsnCode: '61091000',
  Irn: 'a'.repeat(64),
  IrnDt: '2025-09-23 12:00:00',
};

describe('signed QR and invoice (docs/gst.md c6)', () => {
  test('decodes header and the JSON inside "data"', () => {
    const token = signJwsRs256({ data: JSON.stringify(qrData), iss: 'NIC Sandbox' }, keys, 'k1');
    const { header, payload } = decodeJws(token);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.typ, 'JWT');
    assert.equal(payload.iss, 'NIC Sandbox');
    assert.deepEqual(decodeSignedQr(token), qrData);
    assert.equal(decodeSignedInvoice(token).DocNo, 'WFT/25-26/000123');
  });
  test('verification is separate from decoding', () => {
    const token = signJwsRs256({ data: JSON.stringify(qrData), iss: 'NIC' }, keys, 'k1');
    assert.equal(verifyJwsRs256(token, keys.publicKeyPem), true);
    assert.equal(verifyJwsRs256(token, generateRsaKeyPair().publicKeyPem), false);
    const [h, , s] = token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ data: JSON.stringify({ ...qrData, TotInvVal: 1 }), iss: 'NIC' })).toString('base64url')}.${s}`;
    assert.equal(decodeSignedQr(tampered).TotInvVal, 1, 'decoding alone does not detect tampering');
    assert.equal(verifyJwsRs256(tampered, keys.publicKeyPem), false);
  });
  test('malformed tokens are refused clearly', () => {
    assert.throws(
      () => decodeJws('abc'),
      (err: unknown) => err instanceof SignedTokenError && /3/.test(err.message),
    );
    assert.throws(() => decodeJws('a.b.c'), /not Base64url JSON/);
    const noData = signJwsRs256({ iss: 'NIC' }, keys, 'k1');
    assert.throws(() => decodeSignedQr(noData), /no "data"/);
  });
});

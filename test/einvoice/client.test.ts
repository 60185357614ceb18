import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IrpClient, type IrpClientOptions } from '../../src/einvoice/client.ts';
import { computeIrn, irnKeyOfPayload } from '../../src/einvoice/irn.ts';
import { IrpError } from '../../src/einvoice/irp-error.ts';
import { buildEInvoicePayload } from '../../src/einvoice/payload.ts';
import { decodeSignedInvoice, decodeSignedQr, verifyJwsRs256 } from '../../src/einvoice/qr.ts';
import { startIrpSandbox, type IrpSandbox } from '../../src/sandbox/irp/testing.ts';
import { sampleInvoice } from './fixtures.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';

let sandbox: IrpSandbox;

function client(overrides: Partial<IrpClientOptions> = {}): IrpClient {
  return new IrpClient({
    baseUrl: sandbox.url,
    gstin: sandbox.gstin,
    userName: sandbox.userName,
    password: sandbox.password,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    publicKeyPem: sandbox.publicKeyPem,
    signingPublicKeyPem: sandbox.signingPublicKeyPem,
    // Well under the sandbox's 5 s hang, yet long enough that a loaded CI machine's first RSA handshake
    // is not mistaken for a hang (400 ms was: the auth timed out with every core busy).
    timeoutMs: 2_000,
    retryDelayMs: 0,
    ...overrides,
  });
}

const payloadFor = (number: string, overrides = {}) =>
  buildEInvoicePayload(sampleInvoice({ number, ...overrides })).payload;

before(async () => {
  // The IRP sandbox listens on loopback over http:, which WEFT_ALLOW_PRIVATE_URLS=true allows.
  setPrivateUrlsAllowed(true);
  sandbox = await startIrpSandbox({ hangMs: 5_000 });
});
after(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.control.reset());

describe('IrpClient against the IRP sandbox over HTTP', () => {
  test('authenticates once and reuses token + SEK until expiry', async () => {
    const irp = client();
    const first = await irp.authenticate();
    const second = await irp.authenticate();
    assert.equal(first, second);
    assert.equal(sandbox.control.calls().auth, 1);
    assert.ok(first.expiresAt.getTime() > Date.now() + 50 * 60_000, 'sandbox tokens live 60 minutes');
  });

  test('generate returns IRN, ack and signed QR; the IRN is the c6 hash', async () => {
    const payload = payloadFor('WFT/25-26/000001');
    const result = await client().generateIrn(payload);
    assert.equal(result.outcome, 'generated');
    assert.equal(result.irn, computeIrn(irnKeyOfPayload(payload)));
    assert.match(result.ackNo, /^\d{15}$/);
    assert.match(result.ackDt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(result.status, 'ACT');
    const qr = decodeSignedQr(result.signedQrCode ?? '');
    assert.equal(qr.Irn, result.irn);
    assert.equal(qr.DocNo, 'WFT/25-26/000001');
    assert.equal(qr.DocDt, '23/09/2025');
    assert.equal(qr.TotInvVal, 9440);
    assert.equal(qr.MainHsnCode, '61091000');
    assert.equal(qr.BuyerGstin, '29AABCR1718E1ZL');
    assert.ok(verifyJwsRs256(result.signedQrCode ?? '', sandbox.signingPublicKeyPem));
    assert.equal(
      verifyJwsRs256(result.signedQrCode ?? '', sandbox.publicKeyPem),
      false,
      'the encryption key does not verify signatures (c3.6)',
    );
    const invoice = decodeSignedInvoice(result.signedInvoice ?? '') as { Irn: string; ItemList: { ItemNo: number }[] };
    assert.equal(invoice.Irn, result.irn);
    assert.equal(invoice.ItemList[0].ItemNo, 1);
  });

  test('get by document and get by IRN return the same details', async () => {
    const irp = client();
    const generated = await irp.generateIrn(payloadFor('WFT/25-26/000002'));
    const byDoc = await irp.getIrnByDocument({ docType: 'INV', docNo: 'WFT/25-26/000002', docDate: '2025-09-23' });
    assert.equal(byDoc?.irn, generated.irn);
    assert.equal(byDoc?.signedQrCode, generated.signedQrCode);
    const byIrn = await irp.getIrnDetails(generated.irn);
    assert.equal(byIrn?.ackNo, generated.ackNo);
    assert.equal(
      await irp.getIrnByDocument({ docType: 'INV', docNo: 'WFT/25-26/999999', docDate: '23/09/2025' }),
      null,
    );
    assert.equal(await irp.getIrnDetails('0'.repeat(64)), null);
  });

  test('a timeout after the IRP registered the IRN is recovered by lookup: exactly one IRN', async () => {
    sandbox.control.failNextGenerate(1, 'timeout-after-register');
    const payload = payloadFor('WFT/25-26/000003');
    const result = await client().generateIrn(payload);
    assert.equal(result.outcome, 'adopted-after-lookup');
    assert.equal(result.irn, computeIrn(irnKeyOfPayload(payload)));
    assert.ok(result.signedQrCode);
    assert.equal(sandbox.control.irnCount(), 1);
    assert.equal(sandbox.control.calls().generate, 1, 'no second generate was sent');
    assert.equal(sandbox.control.calls().getByDocument, 1);
  });

  test('2150 after a timeout (e.g. a restarted worker) is adopted from DUPIRN, never issued twice', async () => {
    sandbox.control.failNextGenerate(1, 'timeout-after-register');
    const payload = payloadFor('WFT/25-26/000004');
    // The first worker times out and crashes before its read-back.
    await assert.rejects(
      client({ maxGenerateAttempts: 1 }).postInvoice(payload),
      (err: unknown) => err instanceof IrpError && err.kind === 'indeterminate',
    );
    // Its replacement sends the frozen payload again and meets 2150.
    const result = await client().generateIrn(payload);
    assert.equal(result.outcome, 'adopted-duplicate');
    assert.equal(result.irn, sandbox.control.records()[0].irn);
    assert.ok(result.info.some((i) => i.code === 'DUPIRN'));
    assert.equal(sandbox.control.irnCount(), 1);
    assert.equal(sandbox.control.calls().generate, 2);
    assert.equal(sandbox.control.calls().getByIrn, 1);
  });

  test('a 500 with nothing registered: lookup finds nothing, one more POST generates', async () => {
    sandbox.control.failNextGenerate(1, 'http-500');
    const result = await client().generateIrn(payloadFor('WFT/25-26/000005'));
    assert.equal(result.outcome, 'generated');
    assert.equal(sandbox.control.irnCount(), 1);
    assert.equal(sandbox.control.calls().generate, 2);
    assert.equal(sandbox.control.calls().getByDocument, 1);
  });

  test('ambiguous failures on every attempt end indeterminate, never with a guess', async () => {
    sandbox.control.failNextGenerate(2, 'http-500');
    await assert.rejects(
      client().generateIrn(payloadFor('WFT/25-26/000006')),
      (err: unknown) => err instanceof IrpError && err.kind === 'indeterminate',
    );
    assert.equal(sandbox.control.irnCount(), 0);
  });

  test('the same number with different content is a conflict for an operator', async () => {
    await client().generateIrn(payloadFor('WFT/25-26/000007'));
    const other = payloadFor('WFT/25-26/000007', { lines: [{ ...sampleInvoice().lines[0], quantity: 11 }] });
    await assert.rejects(
      client().generateIrn(other),
      (err: unknown) => err instanceof IrpError && err.kind === 'conflict' && /invoice value/.test(err.message),
    );
    assert.equal(sandbox.control.irnCount(), 1);
  });

  test('a payload breaking the d4 rules is rejected with the IRP codes and not retried', async () => {
    const payload = payloadFor('WFT/25-26/000008');
    payload.ValDtls.TotInvVal = 9500;
    await assert.rejects(
      client().generateIrn(payload),
      (err: unknown) => err instanceof IrpError && err.kind === 'rejected' && err.hasCode('2189'),
    );
    assert.equal(sandbox.control.calls().generate, 1);
  });

  test('an invalid token (1005) triggers one re-auth and a replay', async () => {
    const irp = client();
    await irp.authenticate();
    sandbox.control.invalidateTokens();
    const result = await irp.generateIrn(payloadFor('WFT/25-26/000009'));
    assert.equal(result.outcome, 'generated');
    assert.equal(sandbox.control.calls().auth, 2);
  });

  test('bad settings are config errors: wrong public key, wrong password, wrong client secret', async () => {
    const other = await startIrpSandbox();
    try {
      await assert.rejects(
        client({ publicKeyPem: other.publicKeyPem }).authenticate(),
        (err: unknown) => err instanceof IrpError && err.kind === 'config' && err.hasCode('1013'),
      );
    } finally {
      await other.close();
    }
    await assert.rejects(
      client({ password: 'nope' }).authenticate(),
      (err: unknown) => err instanceof IrpError && err.kind === 'config' && err.hasCode('1008'),
    );
    await assert.rejects(
      client({ clientSecret: 'nope' }).authenticate(),
      (err: unknown) => err instanceof IrpError && err.hasCode('1010'),
    );
  });

  test('hyphenated header spelling works too (c4)', async () => {
    const result = await client({ headerStyle: 'hyphen' }).generateIrn(payloadFor('WFT/25-26/000010'));
    assert.equal(result.outcome, 'generated');
  });

  test('cancel within 24 h; a second cancel is 9999; after 24 h it is 2270', async () => {
    const irp = client();
    const first = await irp.generateIrn(payloadFor('WFT/25-26/000011'));
    const cancelled = await irp.cancelIrn(first.irn, 'data-entry-mistake', 'Wrong quantity keyed');
    assert.equal(cancelled.irn, first.irn);
    assert.match(cancelled.cancelDate ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal((await irp.getIrnDetails(first.irn))?.status, 'CNL');
    await assert.rejects(
      irp.cancelIrn(first.irn, 'duplicate', 'again'),
      (err: unknown) => err instanceof IrpError && err.hasCode('9999'),
    );
    // A cancelled number stays used up (a2): the 2150 is not adopted.
    await assert.rejects(
      irp.generateIrn(payloadFor('WFT/25-26/000011')),
      (err: unknown) => err instanceof IrpError && err.kind === 'conflict' && /cancelled/.test(err.message),
    );
    assert.equal(sandbox.control.irnCount(), 1);

    const second = await irp.generateIrn(payloadFor('WFT/25-26/000012'));
    sandbox.control.advanceTime(24 * 60 * 60_000 + 60_000);
    const late = client();
    await assert.rejects(
      late.cancelIrn(second.irn, 'order-cancelled', 'PO cancelled'),
      (err: unknown) => err instanceof IrpError && err.hasCode('2270'),
    );
    sandbox.control.advanceTime(24 * 60 * 60_000);
    assert.equal(await late.getIrnDetails(second.irn), null, 'details are not served after 2 days (2283)');
  });

  test('2150 after the 2-day window adopts Irn/AckNo/AckDt from DUPIRN without the signed QR (2283)', async () => {
    const payload = payloadFor('WFT/25-26/000013');
    const first = await client().generateIrn(payload);
    sandbox.control.advanceTime(3 * 24 * 60 * 60_000);
    const result = await client().generateIrn(payload);
    assert.equal(result.outcome, 'adopted-duplicate');
    assert.equal(result.irn, first.irn);
    assert.equal(result.ackNo, first.ackNo);
    assert.equal(result.ackDt, first.ackDt);
    assert.equal(result.signedQrCode, null, 'the signed QR must then come from the GST portal (c9)');
    assert.equal(sandbox.control.irnCount(), 1);
  });

  test('a token in its last 10 minutes is force-refreshed (c3.5)', async () => {
    let offset = 0;
    const irp = client({ now: () => new Date(Date.now() + offset) });
    const first = await irp.authenticate();
    assert.equal((await irp.authenticate()).authToken, first.authToken);
    offset = 52 * 60_000;
    sandbox.control.advanceTime(offset);
    const renewed = await irp.authenticate();
    assert.notEqual(renewed.authToken, first.authToken);
    assert.equal(sandbox.control.calls().auth, 2);
    assert.equal((await irp.generateIrn(payloadFor('WFT/25-26/000014'))).outcome, 'generated');
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validateEInvoiceSchema } from '../../einvoice/schema.ts';
import { checkValueRules } from '../../einvoice/value-rules.ts';
import { fail, istTimestamp, ok, type SandboxError } from './envelope.ts';
import { aes256EcbDecrypt, aes256EcbEncrypt, signJwsRs256 } from './sandbox-crypto.ts';
import { requireSession, type SandboxContext } from './context.ts';
import { documentKey, type SandboxIrnRecord } from './state.ts';

/**
 * Generate, get by IRN, get by document and cancel (docs/gst.md c2, c6–c9). Bodies and `Data` are
 * AES-256-ECB under the session's SEK (c3.4). Error codes are NIC's where the brief gives them; the
 * d4 rules without a published code answer with the `X-…` codes of value-rules.ts.
 */
const BASE = '/eicore/v1.03/Invoice';
const DAY_MS = 24 * 60 * 60_000;

function decryptBody(session: { sek: Buffer }, request: FastifyRequest): Record<string, unknown> | null {
  try {
    const data = (request.body as { Data?: unknown } | undefined)?.Data;
    return JSON.parse(aes256EcbDecrypt(session.sek, String(data)).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function detailsOf(record: SandboxIrnRecord) {
  return {
    AckNo: record.ackNo,
    AckDt: record.ackDt,
    Irn: record.irn,
    SignedInvoice: record.signedInvoice,
    SignedQRCode: record.signedQrCode,
    Status: record.status,
    EwbNo: null,
    EwbDt: null,
    EwbValidTill: null,
    Remarks: null,
  };
}

function sign(ctx: SandboxContext, record: Omit<SandboxIrnRecord, 'signedInvoice' | 'signedQrCode'>) {
  const payload = record.payload as {
    ItemList: Record<string, unknown>[];
    BuyerDtls: { Gstin: string };
    ValDtls: { TotInvVal: number };
  };
  // c6: the signed invoice is the payload plus AckNo/AckDt/Irn, with ItemNo added to each line.
  const invoice = {
    AckNo: record.ackNo,
    AckDt: record.ackDt,
    Irn: record.irn,
    ...record.payload,
    ItemList: payload.ItemList.map((item, i) => ({ ItemNo: i + 1, ...item })),
  };
  // c6: MainHsnCode is the HSN of the line with the highest taxable value.
  const main = payload.ItemList.reduce(
    (best, item) => (Number(item.AssAmt) > Number(best.AssAmt) ? item : best),
    payload.ItemList[0],
  );
  const qr = {
    SellerGstin: record.gstin,
    BuyerGstin: payload.BuyerDtls.Gstin,
    DocNo: record.docNo,
    DocTyp: record.docType,
    DocDt: record.docDate,
    TotInvVal: payload.ValDtls.TotInvVal,
    ItemCnt: payload.ItemList.length,
    MainHsnCode: String(main.HsnCd),
    Irn: record.irn,
    IrnDt: record.ackDt,
  };
  const iss = 'NIC Sandbox';
  return {
    signedInvoice: signJwsRs256({ data: JSON.stringify(invoice), iss }, ctx.config.signingKeys, 'weft-irp-sandbox'),
    signedQrCode: signJwsRs256({ data: JSON.stringify(qr), iss }, ctx.config.signingKeys, 'weft-irp-sandbox'),
  };
}

function validate(ctx: SandboxContext, payload: Record<string, unknown>): SandboxError[] {
  const schema = validateEInvoiceSchema(payload);
  if (!schema.valid) return schema.issues.map((i) => ({ code: '2140', message: `${i.path} ${i.message}` }));
  const errors: SandboxError[] = checkValueRules(payload).map((p) => ({
    code: p.code,
    message: `${p.path}: ${p.message}`,
  }));
  const seller = payload.SellerDtls as { Gstin: string };
  if (seller.Gstin !== ctx.config.gstin)
    errors.push({ code: '2143', message: `SellerDtls.Gstin ${seller.Gstin} is not the GSTIN of the API user` });
  return errors;
}

/** Holds the request past any sensible client timeout, then drops the connection without a reply. */
async function hangUp(ctx: SandboxContext, reply: FastifyReply): Promise<void> {
  reply.hijack();
  await sleep(ctx.config.hangMs, undefined, { signal: ctx.closing, ref: false }).catch(() => undefined);
  reply.raw.destroy();
}

export function registerInvoiceRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { state, config } = ctx;

  app.post(BASE, async (request, reply) => {
    const session = requireSession(ctx, request, reply);
    if (!session) return reply;
    state.calls.generate += 1;
    const fault = state.faults.shift();
    if (fault === 'http-500') return reply.code(500).send({ message: 'injected fault: internal server error' });
    const payload = decryptBody(session, request);
    if (!payload)
      return fail(reply, [{ code: 'X-DECRYPT', message: 'Data could not be decrypted with the session key (Sek)' }]);
    const errors = validate(ctx, payload);
    if (errors.length > 0) return fail(reply, errors);
    const doc = payload.DocDtls as { Typ: string; No: string; Dt: string };
    const { key, irn } = documentKey(session.gstin, doc.Typ, doc.No, doc.Dt);
    const existing = state.byKey.get(key);
    if (existing) {
      // c5, c9: 2150 with the existing IRN in InfoDtls[DUPIRN].
      return fail(
        reply,
        [{ code: '2150', message: 'Duplicate IRN' }],
        [{ InfCd: 'DUPIRN', Desc: { AckNo: existing.ackNo, AckDt: existing.ackDt, Irn: existing.irn } }],
      );
    }
    const now = config.now();
    const base = {
      key,
      irn,
      gstin: session.gstin,
      ackNo: state.nextAckNo(),
      ackDt: istTimestamp(now),
      createdAt: now,
      docType: doc.Typ,
      docNo: doc.No.toUpperCase(),
      docDate: doc.Dt,
      payload,
      status: 'ACT' as const,
      cancelDate: null,
    };
    const record: SandboxIrnRecord = { ...base, ...sign(ctx, base) };
    state.register(record);
    if (fault === 'timeout-after-register') return hangUp(ctx, reply);
    return ok(reply, aes256EcbEncrypt(session.sek, Buffer.from(JSON.stringify(detailsOf(record)))));
  });

  /** c8: details are served for about 2 days (2283), only to the GSTIN that owns them (2143). */
  function serve(reply: FastifyReply, session: { sek: Buffer; gstin: string }, record: SandboxIrnRecord | undefined) {
    if (!record) return fail(reply, [{ code: '2148', message: 'Requested IRN data is not available' }]);
    if (record.gstin !== session.gstin)
      return fail(reply, [{ code: '2143', message: 'This IRN does not belong to you' }]);
    if (config.now().getTime() - record.createdAt.getTime() > 2 * DAY_MS) {
      return fail(reply, [
        { code: '2283', message: 'IRN details cannot be provided as it is generated more than 2 days ago' },
      ]);
    }
    return ok(reply, aes256EcbEncrypt(session.sek, Buffer.from(JSON.stringify(detailsOf(record)))));
  }

  app.get(`${BASE}/irn/:irn`, async (request, reply) => {
    const session = requireSession(ctx, request, reply);
    if (!session) return reply;
    state.calls.getByIrn += 1;
    return serve(reply, session, state.byIrn.get((request.params as { irn: string }).irn));
  });

  app.get(`${BASE}/irnbydocdetails`, async (request, reply) => {
    const session = requireSession(ctx, request, reply);
    if (!session) return reply;
    state.calls.getByDocument += 1;
    const query = request.query as { doctype?: string; docnum?: string; docdate?: string };
    if (!query.doctype || !query.docnum || !query.docdate || !/^\d{2}\/\d{2}\/\d{4}$/.test(query.docdate)) {
      return fail(reply, [{ code: '2140', message: 'doctype, docnum and docdate (dd/mm/yyyy) are required' }]);
    }
    const record = state.byKey.get(documentKey(session.gstin, query.doctype, query.docnum, query.docdate).key);
    return serve(reply, session, record && record.docDate === query.docdate ? record : undefined);
  });

  app.post(`${BASE}/Cancel`, async (request, reply) => {
    const session = requireSession(ctx, request, reply);
    if (!session) return reply;
    state.calls.cancel += 1;
    const body = decryptBody(session, request) as { Irn?: string; CnlRsn?: string; CnlRem?: string } | null;
    if (!body)
      return fail(reply, [{ code: 'X-DECRYPT', message: 'Data could not be decrypted with the session key (Sek)' }]);
    if (
      !['1', '2', '3', '4'].includes(String(body.CnlRsn)) ||
      typeof body.CnlRem !== 'string' ||
      body.CnlRem.length > 100
    ) {
      return fail(reply, [{ code: '2140', message: 'CnlRsn must be 1-4 and CnlRem at most 100 characters' }]);
    }
    const record = body.Irn ? state.byIrn.get(body.Irn) : undefined;
    if (!record) return fail(reply, [{ code: '2148', message: 'Requested IRN data is not available' }]);
    if (record.gstin !== session.gstin)
      return fail(reply, [{ code: '2143', message: 'This IRN does not belong to you' }]);
    if (record.status === 'CNL') return fail(reply, [{ code: '9999', message: 'Invoice is not active' }]);
    const now = config.now();
    if (now.getTime() - record.createdAt.getTime() > DAY_MS) {
      return fail(reply, [
        { code: '2270', message: 'The allowed cancellation time limit is crossed, you cannot cancel the IRN' },
      ]);
    }
    record.status = 'CNL';
    record.cancelDate = istTimestamp(now);
    return ok(
      reply,
      aes256EcbEncrypt(session.sek, Buffer.from(JSON.stringify({ Irn: record.irn, CancelDate: record.cancelDate }))),
    );
  });
}

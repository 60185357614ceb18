import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateIrnInfo, parseEnvelope } from '../../src/einvoice/envelope.ts';
import { classifyIrpCodes } from '../../src/einvoice/irp-error.ts';

describe('IRP envelope (docs/gst.md c5)', () => {
  const errors = [{ ErrorCode: '2150', ErrorMessage: 'Duplicate IRN' }];
  const dup = { AckNo: 112010000002315, AckDt: '2025-09-23 12:00:00', Irn: 'b'.repeat(64) };
  test('plain JSON ErrorDetails and an object Desc', () => {
    const env = parseEnvelope({
      Status: 0,
      Data: null,
      ErrorDetails: errors,
      InfoDtls: [{ InfCd: 'DUPIRN', Desc: dup }],
    });
    assert.equal(env.status, 0);
    assert.deepEqual(env.errors, [{ code: '2150', message: 'Duplicate IRN' }]);
    assert.deepEqual(duplicateIrnInfo(env.info), { irn: dup.Irn, ackNo: '112010000002315', ackDt: dup.AckDt });
  });
  test('Base64 ErrorDetails and a JSON-text Desc are accepted too', () => {
    const env = parseEnvelope({
      Status: '0',
      ErrorDetails: Buffer.from(JSON.stringify(errors)).toString('base64'),
      InfoDtls: [
        { InfCd: 'DUPIRN', Desc: JSON.stringify(dup) },
        { InfCd: 'EWBPPD', Desc: 'Pin-Pin calc distance: 2467KM' },
      ],
    });
    assert.equal(env.errors[0].code, '2150');
    assert.equal(duplicateIrnInfo(env.info)?.irn, dup.Irn);
    assert.equal(env.info[1].desc, 'Pin-Pin calc distance: 2467KM');
  });
  test('a body without Status is not an envelope', () => {
    assert.throws(() => parseEnvelope({ message: 'gateway error' }), /not an IRP envelope/);
  });
});

describe('classifyIrpCodes (c9)', () => {
  test('each family lands in its kind', () => {
    assert.equal(classifyIrpCodes(['1005']), 'auth');
    assert.equal(classifyIrpCodes(['1013']), 'config');
    assert.equal(classifyIrpCodes(['2143']), 'config');
    assert.equal(classifyIrpCodes(['2146']), 'retryable');
    assert.equal(classifyIrpCodes(['2148']), 'not-found');
    assert.equal(classifyIrpCodes(['2283']), 'not-found');
    assert.equal(classifyIrpCodes(['2172', '2189']), 'rejected');
    assert.equal(classifyIrpCodes(['2211']), 'rejected');
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { startIrpSandbox, type IrpSandbox } from '../../src/sandbox/irp/testing.ts';
import { channelListings, channels, skus } from '../../src/db/schema.ts';

/**
 * The master data an admin keeps in the console, through the API: warehouses (GSTIN and state
 * checked), the SKU master (search, edit, CSV preview), listing buffers by CSV, and a channel's
 * e-invoicing settings — refused when incomplete, tested against the IRP sandbox.
 */
const gstin = '27AAACR5055K1Z7';

for (const kind of databaseKinds) {
  describe(`master data API (${kind})`, () => {
    let t: TestApp;
    let irp: IrpSandbox;
    let code = '';

    before(async () => {
      t = await createTestApp(kind);
      irp = await startIrpSandbox({ gstin });
    });
    after(async () => {
      await irp.close();
      await t.close();
    });

    const warehouse = (change: Record<string, unknown> = {}) => ({
      code: 'MUM1',
      name: 'Bhiwandi',
      stateCode: '27',
      pincode: '421302',
      gstin,
      ...change,
    });

    test('warehouses: a GSTIN with a wrong check character or of another state is refused, naming it', async () => {
      const typo = await t.call('POST', '/api/warehouses', { body: warehouse({ gstin: '27AAACR5055K1Z8' }) });
      assert.equal(typo.statusCode, 400, typo.body);
      assert.equal(typo.json().error.field, 'gstin');
      assert.match(typo.json().error.message, /fails its check character \(the last one should be 7/);
      const elsewhere = await t.call('POST', '/api/warehouses', { body: warehouse({ stateCode: '29' }) });
      assert.equal(elsewhere.statusCode, 400, elsewhere.body);
      assert.equal(elsewhere.json().error.field, 'gstin');
      assert.match(
        elsewhere.json().error.message,
        /registered in Maharashtra \(27\), but the warehouse is in Karnataka \(29\)/,
      );
      const layout = await t.call('POST', '/api/warehouses', { body: warehouse({ gstin: '27AAACR5055' }) });
      assert.equal(layout.statusCode, 400);
      assert.equal(layout.json().error.field, 'gstin');
      const unknownState = await t.call('POST', '/api/warehouses', { body: warehouse({ stateCode: '99' }) });
      assert.equal(unknownState.statusCode, 400);
      assert.equal(unknownState.json().error.field, 'stateCode');

      const added = await t.call('POST', '/api/warehouses', { body: warehouse() });
      assert.equal(added.statusCode, 201, added.body);
      // An edit is judged as the warehouse will stand: moving it to Karnataka keeps a Maharashtra GSTIN out.
      const moved = await t.call('PATCH', '/api/warehouses/MUM1', { body: { stateCode: '29' } });
      assert.equal(moved.statusCode, 400, moved.body);
      assert.equal(moved.json().error.field, 'gstin');
      const renamed = await t.call('PATCH', '/api/warehouses/MUM1', { body: { name: 'Bhiwandi DC', city: 'Thane' } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'Bhiwandi DC');
      assert.equal(
        (await t.call('PATCH', '/api/warehouses/MUM1', { as: 'operator', body: { name: 'x' } })).statusCode,
        403,
      );
    });

    test('SKU master: search by code, EAN, name or style; edit with HSN and EAN checked; CSV preview writes nothing', async () => {
      const csv =
        'code,ean,name,brand,style,size,colour,hsn,mrp,active\n' +
        'TEE-NVY-M,8901234567001,Navy tee M,Weft,TEE-NVY,M,Navy,6109,799,yes\n' +
        'TEE-NVY-L,8901234567002,Navy tee L,Weft,TEE-NVY,L,Navy,6109,799,yes\n' +
        'SHIRT-W-40,,White shirt 40,Weft,SHIRT-W,40,White,6205,1299,yes\n' +
        'BAD SKU,,Broken,,,,,,100,\n';
      const preview = await t.call('POST', '/api/skus/import?dryRun=true', {
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.deepEqual(
        { inserted: preview.json().inserted, failed: preview.json().failed, line: preview.json().errors[0].line },
        { inserted: 3, failed: 1, line: 5 },
      );
      assert.equal((await t.call('GET', '/api/skus')).json().items.length, 0, 'a preview writes nothing');
      const applied = await t.call('POST', '/api/skus/import', { body: csv, headers: { 'content-type': 'text/csv' } });
      assert.equal(applied.json().inserted, 3);

      const search = async (q: string) =>
        (await t.call('GET', `/api/skus?q=${encodeURIComponent(q)}`, { as: 'viewer' }))
          .json()
          .items.map((s: { code: string }) => s.code);
      assert.deepEqual(await search('8901234567002'), ['TEE-NVY-L']);
      assert.deepEqual(await search('shirt'), ['SHIRT-W-40']);
      assert.deepEqual(await search('TEE-NVY'), ['TEE-NVY-L', 'TEE-NVY-M']);

      const badHsn = await t.call('PATCH', '/api/skus/TEE-NVY-M', { body: { hsn: '61' } });
      assert.equal(badHsn.statusCode, 400);
      assert.equal(badHsn.json().error.field, 'hsn');
      const badEan = await t.call('PATCH', '/api/skus/TEE-NVY-M', { body: { ean: '12AB' } });
      assert.equal(badEan.json().error.field, 'ean');
      const takenEan = await t.call('PATCH', '/api/skus/TEE-NVY-M', { body: { ean: '8901234567002' } });
      assert.equal(takenEan.statusCode, 409);
      assert.match(takenEan.json().error.message, /EAN 8901234567002 already belongs to another SKU/);
      const edited = await t.call('PATCH', '/api/skus/TEE-NVY-M', {
        body: { name: 'Navy tee (M)', colour: 'Navy blue', mrpPaise: 84900, hsn: '61091000', active: false },
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(
        (({ name, colour, mrpPaise, hsn, active }) => ({ name, colour, mrpPaise, hsn, active }))(edited.json()),
        { name: 'Navy tee (M)', colour: 'Navy blue', mrpPaise: 84900, hsn: '61091000', active: false },
      );
    });

    test('e-invoicing: saving it on with fields missing is refused naming them all; complete, it is accepted', async () => {
      const created = await t.call('POST', '/api/channels', {
        body: {
          type: 'ajio-jit',
          name: 'AJIO JIT Bhiwandi',
          warehouse: 'MUM1',
          settings: { orderSyncFrom: '2026-11-01', returnSyncFrom: '2026-11-01' },
          interface: {
            username: 'DVMASTER01',
            password: 'api-secret',
            isB2B: 'Yes',
            einvoicing: { enabled: true, username: irp.userName, password: irp.password },
          },
        },
      });
      assert.equal(created.statusCode, 400, created.body);
      const refusal = created.json().error;
      assert.match(refusal.message, /E-invoicing is on but client id, IRP public key, client secret are not set/);
      assert.deepEqual(
        refusal.details.map((d: { field: string }) => d.field),
        ['settings.einvoice.clientId', 'settings.einvoice.publicKeyPem', 'interface.einvoicing.clientSecret'],
      );
      const off = await t.call('POST', '/api/channels', {
        body: {
          type: 'ajio-jit',
          name: 'AJIO JIT Bhiwandi',
          warehouse: 'MUM1',
          settings: { orderSyncFrom: '2026-11-01', returnSyncFrom: '2026-11-01' },
          interface: { username: 'DVMASTER01', password: 'api-secret', isB2B: 'Yes' },
        },
      });
      assert.equal(off.statusCode, 201, off.body);
      code = off.json().code;

      const test = await t.call('POST', `/api/channels/${code}/test-einvoicing`, { as: 'operator' });
      assert.equal(test.statusCode, 400);
      assert.match(test.json().error.message, /E-invoicing is off for channel/);

      const badKey = await t.call('PATCH', `/api/channels/${code}`, {
        body: { settings: { einvoice: { publicKeyPem: 'not a key' } } },
      });
      assert.equal(badKey.statusCode, 400);
      assert.equal(badKey.json().error.field, 'settings.einvoice.publicKeyPem');

      const partial = await t.call('PATCH', `/api/channels/${code}`, {
        body: {
          settings: { einvoice: { irpBaseUrl: irp.url, clientId: irp.clientId } },
          interface: { einvoicing: { enabled: true, username: irp.userName, password: irp.password } },
        },
      });
      assert.equal(partial.statusCode, 400, partial.body);
      assert.match(partial.json().error.message, /IRP public key, client secret are not set/);

      const complete = await t.call('PATCH', `/api/channels/${code}`, {
        body: {
          settings: { einvoice: { irpBaseUrl: irp.url, clientId: irp.clientId, publicKeyPem: irp.publicKeyPem } },
          interface: {
            einvoicing: {
              enabled: true,
              username: irp.userName,
              password: irp.password,
              clientSecret: irp.clientSecret,
            },
          },
        },
      });
      assert.equal(complete.statusCode, 200, complete.body);
      assert.deepEqual(complete.json().interface.einvoicing, {
        enabled: true,
        username: irp.userName,
        passwordSet: true,
        clientSecretSet: true,
      });
      assert.ok(!complete.body.includes(irp.clientSecret), 'the client secret never comes back');
      assert.ok(!complete.body.includes(irp.password), 'nor the password');
    });

    test('Test e-invoicing signs in to the IRP sandbox, and says in plain words what it refused', async () => {
      const signedIn = await t.call('POST', `/api/channels/${code}/test-einvoicing`, { as: 'operator' });
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      assert.match(
        signedIn.json().message,
        new RegExp(`^Signed in to the IRP as GSTIN ${gstin} \\(user ${irp.userName}\\)`),
      );
      assert.equal((await t.call('POST', `/api/channels/${code}/test-einvoicing`, { as: 'viewer' })).statusCode, 403);

      await t.call('PATCH', `/api/channels/${code}`, {
        body: { interface: { einvoicing: { enabled: true, clientSecret: 'not-the-secret' } } },
      });
      const secret = await t.call('POST', `/api/channels/${code}/test-einvoicing`, { as: 'operator' });
      assert.equal(secret.statusCode, 422, secret.body);
      assert.match(secret.json().error.message, /^The IRP refused the client id or the client secret: check both/);

      await t.call('PATCH', `/api/channels/${code}`, {
        body: {
          interface: { einvoicing: { enabled: true, clientSecret: irp.clientSecret, password: 'wrong-password' } },
        },
      });
      const password = await t.call('POST', `/api/channels/${code}/test-einvoicing`, { as: 'operator' });
      assert.equal(password.statusCode, 422);
      assert.match(password.json().error.message, /refused the e-invoicing username or password/);
      await t.call('PATCH', `/api/channels/${code}`, {
        body: { interface: { einvoicing: { enabled: true, password: irp.password } } },
      });
      assert.equal((await t.call('POST', `/api/channels/${code}/test-einvoicing`)).statusCode, 200);
    });

    test('e-invoicing cannot stay on with a warehouse that has no GSTIN', async () => {
      await t.call('POST', '/api/warehouses', { body: warehouse({ code: 'NOGST', gstin: null }) });
      const moved = await t.call('PATCH', `/api/channels/${code}`, { body: { warehouse: 'NOGST' } });
      assert.equal(moved.statusCode, 400, moved.body);
      assert.equal(moved.json().error.field, 'warehouse');
      assert.match(moved.json().error.message, /warehouse NOGST has no GSTIN/);
    });

    test('listing buffers by CSV: one result per line, good lines applied, bad ones say why', async () => {
      const [channel] = await t.database.db.select().from(channels).where(eq(channels.code, code));
      const [tee] = await t.database.db.select().from(skus).where(eq(skus.code, 'TEE-NVY-L'));
      await t.database.db.insert(channelListings).values([
        { channelId: channel.id, channelSku: 'AJ-1001', channelProductId: 'P1', skuId: tee.id },
        { channelId: channel.id, channelSku: 'AJ-1002', channelProductId: 'P1' },
      ]);
      const csv = [
        'channel,sku,buffer',
        `${code},AJ-1002,3`, // by channel SKU
        `${code.toLowerCase()},TEE-NVY-L,2`, // by Weft SKU code
        `${code},AJ-9999,1`, // no such listing
        `${code},AJ-1002,-1`, // not a number of units
        'AJIO9999,AJ-1001,1', // no such channel
        `${code},AJ-1001,5`, // the same listing as line 3, another buffer
      ].join('\n');
      const response = await t.call('POST', '/api/listing-buffers', {
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(response.statusCode, 200, response.body);
      const result = response.json();
      assert.deepEqual({ rows: result.rows, set: result.set, failed: result.failed }, { rows: 6, set: 2, failed: 4 });
      assert.deepEqual(
        result.results.map((r: { line: number; status: string }) => [r.line, r.status]),
        [
          [2, 'set'],
          [3, 'set'],
          [4, 'error'],
          [5, 'error'],
          [6, 'error'],
          [7, 'error'],
        ],
      );
      assert.match(result.results[2].message, /no listing with channel SKU AJ-9999 nor one linked to Weft SKU AJ-9999/);
      assert.match(result.results[3].message, /buffer "-1" is not a whole number of units/);
      assert.match(result.results[4].message, /There is no channel AJIO9999/);
      assert.match(result.results[5].message, /Line 3 already sets another buffer/);
      const listings = (await t.call('GET', `/api/channels/${code}/listings`)).json().items;
      assert.deepEqual(
        listings.map((l: { channelSku: string; buffer: number }) => [l.channelSku, l.buffer]),
        [
          ['AJ-1001', 2],
          ['AJ-1002', 3],
        ],
      );
      const again = (
        await t.call('POST', '/api/listing-buffers', {
          body: `channel,sku,buffer\n${code},AJ-1002,3\n`,
          headers: { 'content-type': 'text/csv' },
        })
      ).json();
      assert.equal(again.unchanged, 1, 'the same buffer again changes nothing');
      const asOperator = await t.call('POST', '/api/listing-buffers', {
        as: 'operator',
        body: 'channel,sku,buffer\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(asOperator.statusCode, 403);
      const wrongHeader = await t.call('POST', '/api/listing-buffers', {
        body: 'channel,listing\nA,B\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(wrongHeader.statusCode, 400);
      assert.match(wrongHeader.json().error.message, /needs the columns channel,sku,buffer; missing: sku, buffer/);
    });
  });
}

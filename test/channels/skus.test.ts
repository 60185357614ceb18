import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { afterRecords, createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';

// 110 styles × 4 sizes = 440 listings on 3 pages of 50 styles. Variants by index: 0 mod 4 are Weft SKU
// codes (link by seller SKU), 1 mod 4 match a Weft EAN, 2 mod 4 have a Weft SKU nobody matched, 3 mod 4 none.
const styles = 110;
const total = styles * 4;

for (const kind of databaseKinds) {
  describe(`AJIO SKU pull and channel mappings (${kind})`, () => {
    let f: ChannelFixture;
    const variants = () => f.catalog.flatMap((p) => p.variants.map((v) => ({ ...v, productId: p.productId })));
    const listings = async (query: string) =>
      (await f.t.call('GET', `/api/channels/${f.code}/listings?limit=500&${query}`, { as: 'viewer' })).json();
    const sellerState = () => f.sandbox.sandbox.state.sellers.get(seller.username)!;
    const notLiveCount = () => sellerState().catalog.variants.filter((v) => !v.live).length;

    before(async () => {
      f = await createChannelFixture(kind, {
        styles,
        master: (sellerSku, ean, i) =>
          i % 4 === 0
            ? { code: sellerSku }
            : i % 4 === 1
              ? { code: `W-${i}`, ean }
              : i % 4 === 2
                ? { code: `M-${i}` }
                : null,
      });
    });
    after(() => f.close());

    test('the first pull stores every listing and links by seller SKU, else EAN; the rest wait unmapped', async () => {
      const run = await f.run('skus');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.deepEqual([run.created, run.updated, run.failed, run.done], [total, 0, 0, total]);
      const session = (await f.t.call('GET', `/api/channels/${f.code}`, { as: 'viewer' })).json().sessionValidUntil;
      assert.ok(
        Date.parse(session) > Date.now() + 25 * 60 * 1000,
        `the run's login is recorded for Manage Channels (${session})`,
      );
      const unmapped = await listings('mapped=false');
      const mapped = await listings('mapped=true');
      assert.equal(unmapped.items.length, total / 2);
      assert.equal(mapped.items.length, total / 2);
      const [v0, v1, v2] = variants();
      const first = mapped.items.find((l: { channelSku: string }) => l.channelSku === v0.sku);
      assert.equal(first.sku, v0.sellerSku);
      assert.equal(first.mappedBy, 'auto:seller-sku');
      assert.equal(first.channelProductId, `${v0.productId}~${v0.variantId}`);
      assert.equal(first.mrpPaise, Math.round(v0.mrp * 100));
      assert.equal(first.marketplaceInventory, 5);
      assert.deepEqual(
        [first.sellerSku, first.ean, first.size, first.colour, first.live, first.active],
        [v0.sellerSku, v0.ean, v0.size, v0.color, true, true],
      );
      const byEan = mapped.items.find((l: { channelSku: string }) => l.channelSku === v1.sku);
      assert.deepEqual([byEan.sku, byEan.mappedBy], ['W-1', 'auto:ean']);
      assert.ok(
        unmapped.items.some((l: { channelSku: string; sku: null }) => l.channelSku === v2.sku && l.sku === null),
      );
      const search = await listings(`q=${v1.ean}`);
      assert.deepEqual(
        search.items.map((l: { channelSku: string }) => l.channelSku),
        [v1.sku],
      );
      const page = (await f.t.call('GET', `/api/channels/${f.code}/listings?limit=300`)).json();
      const rest = (await f.t.call('GET', `/api/channels/${f.code}/listings?limit=300&after=${page.next}`)).json();
      assert.equal(page.items.length + rest.items.length, total);
      assert.equal(rest.next, null);
    });

    test('pulling again changes nothing and creates nothing twice', async () => {
      const run = await f.run('skus');
      assert.deepEqual([run.status, run.created, run.updated, run.unchanged], ['succeeded', 0, 0, total]);
      assert.equal((await listings('')).items.length, total);
    });

    test("unmapped listings are linked one by one and by CSV (bad lines reported); people's links survive pulls", async () => {
      const v = variants();
      const linked = await f.t.call('POST', `/api/channels/${f.code}/listings/${v[2].sku}/link`, {
        as: 'operator',
        body: { sku: 'M-2' },
      });
      assert.equal(linked.statusCode, 200, linked.body);
      assert.deepEqual([linked.json().sku, linked.json().mappedBy], ['M-2', 'manual:operator1']);
      const unknown = await f.t.call('POST', `/api/channels/${f.code}/listings/${v[6].sku}/link`, {
        body: { sku: 'NOPE' },
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.message, 'There is no Weft SKU with code NOPE.');
      assert.equal(
        (
          await f.t.call('POST', `/api/channels/${f.code}/listings/${v[6].sku}/link`, {
            as: 'viewer',
            body: { sku: 'M-6' },
          })
        ).statusCode,
        403,
      );

      const csv = [
        'channel_sku,sku_code',
        `${v[6].sku},M-6`,
        `${v[10].sku},NOPE`,
        `999999999999,M-14`,
        `${v[14].sku},`,
        `${v[2].sku},M-2`,
        `${v[18].sku},M-18`,
      ].join('\n');
      const bulk = await f.t.call('POST', `/api/channels/${f.code}/listings/links`, {
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(bulk.statusCode, 200, bulk.body);
      const result = bulk.json();
      assert.deepEqual([result.rows, result.linked, result.unchanged, result.failed], [6, 2, 1, 3]);
      assert.deepEqual(
        result.results.map((r: { line: number; status: string }) => [r.line, r.status]),
        [
          [2, 'linked'],
          [3, 'error'],
          [4, 'error'],
          [5, 'error'],
          [6, 'unchanged'],
          [7, 'linked'],
        ],
      );
      assert.equal(result.results[1].message, 'There is no Weft SKU with code NOPE.');
      assert.match(result.results[2].message, /no listing with channel SKU 999999999999/);
      assert.equal(result.results[3].message, 'sku_code is empty.');

      const unlinked = await f.t.call('DELETE', `/api/channels/${f.code}/listings/${v[0].sku}/link`);
      assert.deepEqual([unlinked.json().sku, unlinked.json().mappedBy], [null, 'unlinked:admin1']);
      const buffer = await f.t.call('PATCH', `/api/channels/${f.code}/listings/${v[4].sku}`, { body: { buffer: 3 } });
      assert.equal(buffer.json().buffer, 3);
      assert.equal(
        (await f.t.call('PATCH', `/api/channels/${f.code}/listings/${v[4].sku}`, { body: { buffer: -1 } })).statusCode,
        400,
      );

      const run = await f.run('skus');
      assert.equal(run.status, 'succeeded');
      const after = new Map((await listings('')).items.map((l: { channelSku: string }) => [l.channelSku, l]));
      assert.equal(
        (after.get(v[0].sku) as { sku: string | null }).sku,
        null,
        'an unlink is not undone by moderation mode',
      );
      assert.deepEqual(
        ['M-2', 'M-6', 'M-18'].map((_code, i) => (after.get(v[[2, 6, 18][i]].sku) as { sku: string }).sku),
        ['M-2', 'M-6', 'M-18'],
      );
      assert.equal((after.get(v[4].sku) as { buffer: number }).buffer, 3);
      assert.equal((await listings('mapped=false')).items.length, total / 2 - 3 + 1);
    });

    test('listings unpublished or gone at AJIO become inactive, and active again when back', async () => {
      const state = sellerState();
      const notLive = new Set(state.catalog.variants.filter((v) => !v.live).map((v) => v.variantId));
      assert.deepEqual(
        new Set((await listings('active=false')).items.map((l: { channelSku: string }) => l.channelSku)),
        notLive,
        'variants AJIO shows as not live are kept, inactive',
      );
      const first = state.catalog.products[0];
      first.published = false;
      const gone = state.catalog.products.pop()!;
      try {
        const run = await f.run('skus');
        assert.equal(run.status, 'succeeded');
        const expected = new Set([
          ...notLive,
          ...first.variants.map((v) => v.variantId),
          ...gone.variants.map((v) => v.variantId),
        ]);
        assert.equal(run.updated, expected.size - notLive.size, 'the unpublished and the vanished');
        assert.deepEqual(
          new Set((await listings('active=false')).items.map((l: { channelSku: string }) => l.channelSku)),
          expected,
        );
      } finally {
        first.published = true;
        state.catalog.products.push(gone);
      }
      await f.run('skus');
      assert.equal((await listings('active=false')).items.length, notLive.size);
    });

    test('500s, 429s, dropped connections and malformed JSON between pages: the pull still completes, nothing lost or doubled', async () => {
      const run = await f.run('skus', {
        wrap: afterRecords(async (call) => {
          if (call === 1)
            await f.sandbox.control.injectFaults([
              { route: 'GET /products', type: '500' },
              { route: 'GET /products', type: '429', retryAfter: 1 },
            ]);
          if (call === 2)
            await f.sandbox.control.injectFaults([
              { route: 'GET /products', type: 'timeout', holdMs: 50 },
              { route: 'GET /products', type: 'malformed-json' },
            ]);
        }),
      });
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.deepEqual([run.done, run.created, run.failed, run.unchanged], [total, 0, 0, total]);
      assert.deepEqual(
        ((await (await fetch(`${f.sandbox.origin}/__sandbox/faults`)).json()) as { faults: unknown[] }).faults,
        [],
        'every fault was met',
      );
      assert.equal((await listings('')).items.length, total);
    });

    test('a pull that fails part-way fails cleanly and the next run resumes from its checkpoint', async () => {
      const failed = await f.run('skus', {
        wrap: afterRecords(async (call) => {
          if (call === 1) await f.sandbox.control.injectFaults({ route: 'GET /products', type: '500', count: -1 });
        }),
      });
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /AJIO GET \/products: 500/);
      assert.equal(failed.done, 200, 'the first page landed');
      await f.sandbox.control.clearFaults();
      const resumed = await f.run('skus');
      assert.equal(resumed.status, 'succeeded');
      assert.equal(resumed.done, total - 200, 'pages 2 and 3 only');
      assert.equal(
        (await listings('active=false')).items.length,
        notLiveCount(),
        'page 1, read by the failed run, is not taken for gone',
      );
      assert.equal((await listings('')).items.length, total);
    });

    test('a malformed listing fails alone with the field named; a retry run reads it again once AJIO has it right', async () => {
      const variant = sellerState().catalog.variants[9];
      const mrp = variant.mrpPaise;
      variant.mrpPaise = Number.NaN;
      const run = await f.run('skus');
      assert.equal(run.status, 'partial');
      assert.equal(run.failed, 1);
      assert.equal(run.records[0].recordKey, variant.variantId);
      assert.match(
        run.records[0].message ?? '',
        new RegExp(`AJIO listing ${variant.variantId} \\(product \\d+\\): mrp is missing`),
      );
      assert.equal(
        (await listings('active=false')).items.length,
        notLiveCount(),
        'it is still listed at AJIO: not deactivated',
      );
      variant.mrpPaise = mrp + 10_000;
      const retry = await f.run('skus', { retryOf: run.id });
      assert.deepEqual([retry.status, retry.done, retry.updated, retry.failed], ['succeeded', 1, 1, 0]);
      const [fixed] = (await listings(`q=${variant.variantId}`)).items;
      assert.equal(fixed.mrpPaise, mrp + 10_000);
    });

    test('the token expiring in the middle of a long pull is renewed and the pull completes', async () => {
      const run = await f.run('skus', {
        wrap: afterRecords(async (call) => {
          if (call === 1 || call === 2) await f.sandbox.control.advanceClock(1900);
        }),
      });
      assert.equal(run.status, 'succeeded', run.error ?? '');
      assert.deepEqual([run.done, run.created, run.failed], [total, 0, 0]);
    });
  });
}

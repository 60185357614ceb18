import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createChannelFixture, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { waitForCount } from '../helpers/mappings-console.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  fieldError,
  openConsole,
  screenshot,
  skipWithoutChromium,
  type OpenConsole,
} from '../helpers/console.ts';

// 6 styles × 4 sizes = 24 listings. By index: 0 mod 4 link by seller SKU, 1 mod 4 by EAN; 2 mod 4 have
// a Weft SKU M-<i> nobody matched, 3 mod 4 have none: 12 wait unmapped after the pull.
const styles = 6;

/**
 * Channel mappings in Chromium: the listings the SKU pull read, filtered to the unmapped and searched
 * (in the URL), one linked with the SKU type-ahead and unlinked, a CSV of links answered line by line,
 * and a viewer who can read but not change them.
 */
describe('console: channel mappings', { skip: skipWithoutChromium }, () => {
  let f: ChannelFixture;
  let ui: OpenConsole;
  let base: string;
  const variants = () => f.catalog.flatMap((p) => p.variants);
  const listing = async (channelSku: string) =>
    (await f.t.call('GET', `/api/channels/${f.code}/listings?q=${channelSku}`)).json().items[0] as {
      sku: string | null;
      mappedBy: string | null;
    };
  const rows = (page: Page) => page.getByRole('table', { name: 'Listings' }).locator('tbody tr');

  before(async () => {
    ensureConsoleBuilt();
    f = await createChannelFixture('pglite', {
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
    const run = await f.run('skus');
    assert.equal(run.status, 'succeeded', run.error ?? '');
    ui = await openConsole(f.t);
    ({ base } = ui);
  });
  after(() => closeAll(ui, f));

  test('filter the unmapped, search, link one with the type-ahead (a wrong code refused at the field), unlink it', async () => {
    const page = await ui.newPage('operator');
    await page.goto(`${base}/channels/${f.code}`);
    await page.getByRole('link', { name: 'Channel mappings' }).click();
    await page.getByRole('heading', { name: 'Channel mappings' }).waitFor();
    await rows(page).nth(23).waitFor();

    await page.getByLabel('Mapping').selectOption('false');
    await page.waitForURL(/mapped=false/);
    await waitForCount(rows(page), 12);
    assert.equal(await rows(page).filter({ hasText: 'Unmapped' }).count(), 12, 'only unmapped listings');

    // A code that does not exist, typed and entered: refused next to the field, in words.
    const v = variants();
    await page.getByRole('button', { name: `Link ${v[2].sku}` }).click();
    const picker = page.getByLabel(`Weft SKU for ${v[2].sku}`);
    await picker.fill('NOPE-1');
    await picker.press('Enter');
    assert.equal(
      await fieldError(page, `Weft SKU for ${v[2].sku}`).textContent(),
      'There is no Weft SKU with code NOPE-1.',
    );

    // The type-ahead asks the server as one types and offers the matching SKUs.
    await picker.fill('M-2');
    await page.getByRole('option', { name: /^M-22 / }).waitFor();
    await page.getByRole('option', { name: /^M-2 / }).waitFor();
    assert.equal(
      await fieldError(page, `Weft SKU for ${v[2].sku}`).count(),
      0,
      'the refusal went with the text it answered',
    );
    await screenshot(page, 'mappings');
    await page.getByRole('option', { name: /^M-2 / }).click();
    await page.getByTestId(`mapped-${v[2].sku}`).filter({ hasText: 'M-2' }).waitFor();
    assert.match((await page.getByTestId(`mapped-${v[2].sku}`).textContent()) ?? '', /M-2by operator1/);
    const linked = await listing(v[2].sku);
    assert.deepEqual([linked.sku, linked.mappedBy], ['M-2', 'manual:operator1']);

    // Unlinking asks first, in the page: Keep keeps the link.
    await page.getByRole('button', { name: `Unlink ${v[2].sku}` }).click();
    const ask = page.getByRole('group', { name: `Unlink SKU M-2 from listing ${v[2].sku}?` });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep' }).click();
    await page.getByRole('button', { name: `Unlink ${v[2].sku}` }).waitFor();
    assert.equal(await page.getByTestId('confirm').count(), 0);
    assert.equal((await listing(v[2].sku)).sku, 'M-2', 'Keep left the link alone');
    await page.getByRole('button', { name: `Unlink ${v[2].sku}` }).click();
    await ask.getByRole('button', { name: 'Unlink', exact: true }).click();
    await page.getByTestId(`mapped-${v[2].sku}`).filter({ hasText: 'Unmapped' }).waitFor();
    assert.match((await page.getByTestId(`mapped-${v[2].sku}`).textContent()) ?? '', /unlinked by operator1/);
    const unlinked = await listing(v[2].sku);
    assert.deepEqual([unlinked.sku, unlinked.mappedBy], [null, 'unlinked:operator1']);

    await page.getByLabel('Search listings').fill(v[2].sku);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === v[2].sku && url.searchParams.get('mapped') === 'false',
    );
    await waitForCount(rows(page), 1);
    assert.match((await rows(page).first().textContent()) ?? '', new RegExp(v[2].sku));

    // The filters live in the URL: a reload shows the same list.
    await page.reload();
    assert.equal(await page.getByLabel('Search listings').inputValue(), v[2].sku);
    assert.equal(await page.getByLabel('Mapping').inputValue(), 'false');
    await page.context().close();
  });

  test('linking to a SKU whose EAN differs warns with both EANs; Choose another keeps it unlinked, Link anyway links', async () => {
    const v = variants();
    const listingEan = (
      (await f.t.call('GET', `/api/channels/${f.code}/listings?q=${v[3].sku}`)).json().items[0] as {
        ean: string | null;
      }
    ).ean;
    assert.ok(listingEan, 'the listing has an EAN from AJIO');
    const created = await f.t.call('POST', '/api/skus', {
      as: 'operator',
      body: { code: 'OTHER-EAN', ean: '99999999', name: 'Another product', mrpPaise: 10_000 },
    });
    assert.equal(created.statusCode, 201, created.body);

    const page = await ui.newPage('operator');
    await page.goto(`${base}/channels/${f.code}/mappings?mapped=false`);
    await page.getByRole('button', { name: `Link ${v[3].sku}` }).click();
    const picker = page.getByLabel(`Weft SKU for ${v[3].sku}`);
    await picker.fill('OTHER-EAN');
    await page.getByRole('option', { name: /^OTHER-EAN .*EAN 99999999/ }).click();
    const warning = page.getByTestId('ean-mismatch');
    await warning.waitFor();
    assert.equal(await warning.getAttribute('role'), 'alert');
    assert.match(
      (await warning.textContent()) ?? '',
      new RegExp(`listing ${v[3].sku} has EAN ${listingEan}, SKU OTHER-EAN has EAN 99999999`),
    );
    assert.equal((await listing(v[3].sku)).sku, null, 'nothing linked before the answer');

    await warning.getByRole('button', { name: 'Choose another SKU' }).click();
    await picker.waitFor();
    assert.equal((await listing(v[3].sku)).sku, null, 'choosing another links nothing');

    await picker.fill('OTHER-EAN');
    await picker.press('Enter');
    await warning.waitFor();
    await warning.getByRole('button', { name: 'Link anyway' }).click();
    await page.getByTestId(`mapped-${v[3].sku}`).filter({ hasText: 'OTHER-EAN' }).waitFor();
    assert.equal((await listing(v[3].sku)).sku, 'OTHER-EAN');
    await page.context().close();
  });

  test('a CSV of links is answered line by line: linked ones linked, bad ones refused with the reason', async () => {
    const page = await ui.newPage('operator');
    await page.goto(`${base}/channels/${f.code}/mappings?mapped=false`);
    await rows(page).first().waitFor();

    await page.getByRole('button', { name: 'Upload links' }).click();
    assert.match((await fieldError(page, 'Links CSV file').textContent()) ?? '', /Choose the CSV file/);

    const upload = async (name: string, text: string) => {
      await page.getByLabel('Links CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await page.getByRole('button', { name: 'Upload links' }).click();
    };
    await upload('wrong.csv', 'sku,code\n1,2\n');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The CSV needs the columns channel_sku and sku_code; missing: channel_sku, sku_code.' })
      .waitFor();

    const v = variants();
    await upload(
      'links.csv',
      ['channel_sku,sku_code', `${v[6].sku},M-6`, `${v[10].sku},NOPE`, `${v[14].sku},`, `${v[18].sku},M-18`].join('\n'),
    );
    const result = page.getByTestId('links-result');
    await result.getByText('4 line(s): 2 linked, 0 already linked, 2 refused.').waitFor();
    // Refused lines first; each says why.
    const refused = result.locator('tbody tr');
    assert.equal(await refused.count(), 2);
    assert.match((await refused.nth(0).textContent()) ?? '', /^3.*NOPE.*RefusedThere is no Weft SKU with code NOPE\.$/);
    assert.match((await refused.nth(1).textContent()) ?? '', /^4.*Refusedsku_code is empty\.$/);
    await result.getByLabel('Refused lines only').uncheck();
    assert.equal(await refused.count(), 4);
    assert.match((await refused.nth(0).textContent()) ?? '', /^2.*M-6.*Linked$/);
    assert.equal((await listing(v[6].sku)).sku, 'M-6');
    assert.equal((await listing(v[18].sku)).sku, 'M-18');
    assert.equal((await listing(v[10].sku)).sku, null);
    // The list of unmapped listings is read again: the two linked ones have left it.
    await page.getByTestId(`mapped-${v[6].sku}`).waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('a viewer reads the mappings, finds no link, unlink or upload, and the API refuses if forced', async () => {
    const page = await ui.newPage('viewer');
    await page.goto(`${base}/channels/${f.code}/mappings`);
    await rows(page).nth(20).waitFor();
    const v = variants();
    assert.equal(await page.getByRole('button', { name: /^(Link|Unlink) / }).count(), 0);
    assert.equal(await page.getByLabel('Links CSV file').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Upload links' }).count(), 0);

    const forced = await page.evaluate(
      async ({ code, sku }) => {
        const link = await fetch(`/api/channels/${code}/listings/${sku}/link`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sku: 'M-2' }),
        });
        const unlink = await fetch(`/api/channels/${code}/listings/${sku}/link`, { method: 'DELETE' });
        const csv = await fetch(`/api/channels/${code}/listings/links`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: `channel_sku,sku_code\n${sku},M-2\n`,
        });
        return {
          link: link.status,
          unlink: unlink.status,
          csv: csv.status,
          message: ((await link.json()) as { error: { message: string } }).error.message,
        };
      },
      { code: f.code, sku: v[2].sku },
    );
    assert.deepEqual([forced.link, forced.unlink, forced.csv], [403, 403, 403]);
    assert.match(forced.message, /needs the operator role/);
    assert.equal((await listing(v[2].sku)).sku, null);
    await page.context().close();
  });
});

/**
 * Manifest benchmark: 250 POs ready to dispatch at an in-process AJIO sandbox (throttling off), one
 * manifest of them, then
 *   - the time to dispatch it (AJIO call, AJIO's manifest PDF, shipping 250 orders with their stock
 *     movements, Weft's manifest rendered and stored), and
 *   - the time to gather and render Weft's 250-shipment manifest alone (target < 1 s), best of 5.
 *
 *   npx tsx bench/manifest.ts                 embedded PGlite
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/manifest.ts --postgres
 */
import { performance } from 'node:perf_hooks';
import { channelDescriptor } from '../src/channels/registry.ts';
import { renderManifest } from '../src/core/documents/render/manifest.ts';
import { dispatchManifest, manifestData } from '../src/core/fulfilment/manifest-dispatch.ts';
import { createManifests } from '../src/core/fulfilment/manifests.ts';
import { createDispatchFixture } from '../test/helpers/dispatch-fixture.ts';

const kind = process.argv.includes('--postgres') ? ('postgres' as const) : ('pglite' as const);
const shipments = 250;

const f = await createDispatchFixture(kind, { styles: 10 });
try {
  for (const v of f.variants) await f.stock(v.sellerSku, 1000);
  const setupStart = performance.now();
  await f.readyAtAjio(shipments);
  const setup = performance.now() - setupStart;
  const deps = { database: f.t.database, secrets: f.t.secrets, lookup: channelDescriptor };
  const [manifest] = await createManifests(deps, { channel: f.code, warehouse: 'MUM1' }, 'bench');
  if (manifest.orders !== shipments)
    throw new Error(`expected ${shipments} POs on the manifest, got ${manifest.orders}`);

  const dispatchStart = performance.now();
  const outcome = await dispatchManifest(deps, manifest.code, 'bench');
  const dispatch = performance.now() - dispatchStart;
  if (outcome.status !== 'dispatched')
    throw new Error(
      `manifest ${manifest.code} is ${outcome.status}: ${JSON.stringify(outcome.refusedNow.slice(0, 3))}`,
    );

  const {
    rows: [{ id }],
  } = await f.t.database.query<{ id: number }>('select id from manifests where code = $1', [manifest.code]);
  const renders: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const data = await manifestData(deps, Number(id));
    const pdf = await renderManifest(data!);
    renders.push(performance.now() - start);
    bytes = pdf.length;
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`database: ${kind}`);
  console.log(`setup: ${shipments} POs invoiced and labelled at the sandbox and recorded in Weft in ${ms(setup)}`);
  console.log(
    `dispatch of a ${shipments}-PO manifest (AJIO call + PDF, ${shipments} orders shipped, Weft manifest stored): ${ms(dispatch)}`,
  );
  console.log(
    `render of Weft's ${shipments}-shipment manifest (gather + render, best of 5): ${ms(Math.min(...renders))} ` +
      `(median ${ms(renders.sort((a, b) => a - b)[2])}; ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB; target < 1000 ms)`,
  );
} finally {
  await f.close();
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { AjioClient } from '../../src/channels/ajio-jit/client.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { databaseWireJournal, wireJournalSettled } from '../../src/core/wire-journal/recorder.ts';
import { setWireJournal, wireJournalNdjson } from '../../src/core/wire-journal/store.ts';
import { createWarehouse } from '../../src/core/warehouses.ts';
import { channels } from '../../src/db/schema.ts';
import { createLogger } from '../../src/log.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

/** The client alone, with no channel behind it: every write may go (the mode gate is tested elsewhere). */
const openGate = { admit: async () => {} };

/**
 * No secret given to the AJIO client — its password, the tokens AJIO hands it, and secrets inside the
 * bodies it sends (e-invoice credentials, bearer headers) — ever reaches the wire journal, whatever
 * the bodies look like and wherever the marketplace echoes them. Checked with fast-check through the
 * real client, a real HTTP server that echoes everything back, and the journal as the database keeps it.
 */
const secretKeys = [
  'password',
  'einvoicePassword',
  'clientSecret',
  'client_secret',
  'accessToken',
  'refresh_token',
  'authToken',
  'Authorization',
  'apiKey',
  'api_key',
  'appKey',
  'sek',
  'bearerToken',
  'credentials',
];

// Long and marked, so a secret cannot occur by chance in the generated noise.
const secret = fc.stringMatching(/^[A-Za-z0-9]{12,28}$/).map((s) => `ZQX${s}`);

/** A JSON body with secrets put under secret key names at any depth, and one in a "Bearer …" text. */
const bodyWithSecrets = fc
  .record({
    noise: fc.jsonValue({ maxDepth: 3 }),
    placed: fc.array(
      fc.record({ key: fc.constantFrom(...secretKeys), value: secret, depth: fc.integer({ min: 0, max: 4 }) }),
      { minLength: 1, maxLength: 5 },
    ),
    bearer: secret,
  })
  .map(({ noise, placed, bearer }) => {
    const body: Record<string, unknown> = { noise, note: `sent with Bearer ${bearer}` };
    for (const p of placed) {
      let node = body;
      for (let d = 0; d < p.depth; d++) {
        const next: Record<string, unknown> = {};
        node[`level${d}`] = [next];
        node = next;
      }
      node[p.key] = p.value;
    }
    return { body, secrets: [...placed.map((p) => p.value), bearer] };
  });

for (const kind of databaseKinds) {
  describe(`wire journal redaction (${kind})`, () => {
    let database: TestDatabase;
    let server: Server;
    let url: string;
    let channelId: number;
    /** What the fake AJIO hands out at the next login. */
    let issue = { accessToken: '', refreshToken: '' };

    before(async () => {
      setPrivateUrlsAllowed(true);
      database = await createTestDatabase(kind);
      const warehouse = await createWarehouse(
        database.db,
        { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' },
        'test',
      );
      const [channel] = await database.db
        .insert(channels)
        .values({ code: 'AJIO0001', type: 'ajio-jit', name: 'AJIO', warehouseId: warehouse.id })
        .returning();
      channelId = channel.id;
      await setWireJournal(database.db, channelId, { enabled: true });
      // A marketplace that echoes everything it is sent — body, headers, the token — in its answers.
      server = createServer((req, res) => {
        let text = '';
        req.on('data', (c) => {
          text += c;
        });
        req.on('end', () => {
          const body = text ? JSON.parse(text) : null;
          res.setHeader('content-type', 'application/json');
          if (req.url === '/authToken') {
            res.end(
              JSON.stringify({
                success: true,
                statusCode: 0,
                result: { ...issue, tokenType: 'Bearer', expiresIn: 1800 },
                message: `welcome ${body?.username}, your token is ${issue.accessToken}`,
              }),
            );
            return;
          }
          res.statusCode = req.url?.includes('fail') ? 400 : 200;
          res.end(
            JSON.stringify({ echo: body, headers: req.headers, seen: `apiKey ${req.headers.apikey} on ${req.url}` }),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      setPrivateUrlsAllowed(false);
      await new Promise((resolve) => server.close(resolve));
      await database.dispose();
    });

    test('no secret string given to the client ever appears in the journal', async () => {
      await fc.assert(
        fc.asyncProperty(
          secret,
          secret,
          secret,
          bodyWithSecrets,
          fc.boolean(),
          async (password, token, refresh, sent, fails) => {
            issue = { accessToken: token, refreshToken: refresh };
            await database.query('delete from wire_journal');
            const client = new AjioClient({
              baseUrl: url,
              pathPrefix: '',
              username: 'DVPROP01',
              password,
              requestsPerSecond: 1000,
              maxAttempts: 1,
              journal: databaseWireJournal(database, channelId, createLogger('silent')),
            });
            await client.post(fails ? '/orders/fail' : '/orders/b2bInvoice', sent.body, openGate).catch(() => null);
            await client.get('/orders', { orderIds: `PO-${token}` }).catch(() => null);
            await wireJournalSettled();
            let journal = '';
            for await (const line of wireJournalNdjson(database.db, { id: channelId, code: 'AJIO0001' }))
              journal += line;
            assert.ok(journal.includes('/authToken'), 'the login is journalled');
            assert.ok(journal.includes('[redacted]'));
            for (const s of [password, token, refresh, ...sent.secrets])
              assert.ok(!journal.includes(s), `secret ${s} leaked into the journal: ${journal}`);
          },
        ),
        { numRuns: 40 },
      );
    });

    test('a journal that cannot write neither slows nor breaks the call; it is logged', async () => {
      const lines: string[] = [];
      const log = createLogger('warn', { write: (l: string) => void lines.push(l) });
      const client = new AjioClient({
        baseUrl: url,
        pathPrefix: '',
        username: 'DVPROP01',
        password: 'ZQXpassword-one',
        requestsPerSecond: 1000,
        // No such channel: every write fails (its switch cannot even be read).
        journal: databaseWireJournal(database, 987654, log),
      });
      const answer = await client.post<{ echo: unknown }>('/orders/b2bInvoice', { po_number: 'PO1' }, openGate);
      assert.deepEqual(answer.echo, { po_number: 'PO1' });
      await wireJournalSettled();
      assert.ok(
        lines.some((l) => l.includes('wire journal: the exchange could not be written')),
        lines.join('\n'),
      );
      assert.ok(!lines.join('').includes('ZQXpassword-one'));
    });
  });
}

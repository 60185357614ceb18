import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startProcess } from '../helpers/processes.ts';

const commandFile = fileURLToPath(new URL('../../src/cli/commands/sandbox.ts', import.meta.url));

test('`weft sandbox` prints its URL and credentials, serves the contract and stops on SIGINT', async (t) => {
  const script = `import { sandboxCommand } from ${JSON.stringify(commandFile)};
await sandboxCommand().parseAsync(process.argv.slice(1), { from: 'user' });`;
  const args = [
    '--port',
    '0',
    '--seller',
    'DVCLI01:s3cret',
    '--seller',
    'DVCLI02:other',
    '--seed',
    '42',
    '--styles',
    '5',
    '--prefix',
    '/ajio',
    '--rate',
    'off',
  ];
  const sandbox = startProcess(
    t,
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args],
    { name: 'weft sandbox' },
  );
  await sandbox.waitForOutput(/Press Ctrl\+C/);
  const out = sandbox.stdout();
  const url = /Base URL:\s+(\S+)/.exec(out)![1];
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/ajio$/);
  assert.match(out, /username DVCLI01\s+password s3cret\s+\(5 styles, 20 SKUs\)/);
  assert.match(out, /username DVCLI02\s+password other/);
  assert.match(out, /Throttle:\s+off/);
  assert.match(out, /start Weft with WEFT_ALLOW_PRIVATE_URLS=true/);
  const login = await fetch(`${url}/authToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'DVCLI01', password: 's3cret' }),
  });
  const token = ((await login.json()) as any).result.accessToken;
  const count = await fetch(`${url}/productsCount`, { headers: { apiKey: token } });
  assert.deepEqual(await count.json(), { count: 5 });
  assert.equal(await sandbox.stop('SIGINT'), 0);
  assert.match(sandbox.stdout(), /stopped/);
});

test('`weft sandbox` rejects a malformed --seller with a sentence naming it', async (t) => {
  const script = `import { sandboxCommand } from ${JSON.stringify(commandFile)};
await sandboxCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' });`;
  const sandbox = startProcess(
    t,
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--seller', 'seller01:x'],
    { name: 'weft sandbox' },
  );
  assert.notEqual(await sandbox.exited, 0);
  assert.match(sandbox.stderr(), /seller username "seller01" must match/);
});

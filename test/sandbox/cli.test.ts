import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const commandFile = fileURLToPath(new URL('../../src/cli/commands/sandbox.ts', import.meta.url));

test('`weft sandbox` prints its URL and credentials, serves the contract and stops on SIGINT', async () => {
  const script = `import { sandboxCommand } from ${JSON.stringify(commandFile)};
await sandboxCommand().parseAsync(process.argv.slice(1), { from: 'user' });`;
  const args = ['--port', '0', '--seller', 'DVCLI01:s3cret', '--seller', 'DVCLI02:other', '--seed', '42', '--styles', '5', '--prefix', '/ajio', '--rate', 'off'];
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out} stderr: ${err}`)), 20_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /Base URL:\s+(\S+)/.exec(out);
        if (m && out.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/ajio$/);
    assert.match(out, /username DVCLI01\s+password s3cret\s+\(5 styles, 20 SKUs\)/);
    assert.match(out, /username DVCLI02\s+password other/);
    assert.match(out, /Throttle:\s+off/);
    const login = await fetch(`${url}/authToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'DVCLI01', password: 's3cret' }) });
    const token = ((await login.json()) as any).result.accessToken;
    const count = await fetch(`${url}/productsCount`, { headers: { apiKey: token } });
    assert.deepEqual(await count.json(), { count: 5 });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(out, /stopped/);
  } finally {
    child.kill('SIGKILL');
  }
});

test('`weft sandbox` rejects a malformed --seller with a sentence naming it', async () => {
  const script = `import { sandboxCommand } from ${JSON.stringify(commandFile)};
await sandboxCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--seller', 'seller01:x'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.notEqual(code, 0);
  assert.match(err, /seller username "seller01" must match/);
});

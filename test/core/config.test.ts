import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const messageOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
};

test('defaults give an embedded database on port 8080', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, undefined);
  assert.match(config.dataDir, /data$/);
  assert.equal(config.masterKey, undefined);
});

test('a bad PORT is refused with one sentence naming it and the value', () => {
  assert.equal(messageOf({ PORT: 'eighty' }), 'PORT must be a whole number from 1 to 65535 (got "eighty").');
  assert.equal(messageOf({ PORT: '70000' }), 'PORT must be a whole number from 1 to 65535 (got "70000").');
});

test('DATABASE_URL must be a PostgreSQL URL', () => {
  assert.match(messageOf({ DATABASE_URL: 'mysql://x' }), /^DATABASE_URL must be a PostgreSQL URL/);
});

test('a master key that is not 32 bytes is refused without echoing it', () => {
  const message = messageOf({ WEFT_MASTER_KEY: 'short-secret' });
  assert.match(message, /^WEFT_MASTER_KEY must be 32 bytes/);
  assert.ok(!message.includes('short-secret'));
  assert.equal(loadConfig({ WEFT_MASTER_KEY: 'ab'.repeat(32) }).masterKey?.length, 32);
});

test('admin user and password go together', () => {
  assert.match(messageOf({ WEFT_ADMIN_USER: 'admin' }), /go together/);
});

test('a JSON config file supplies settings and the environment wins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-config-'));
  const file = join(dir, 'weft.json');
  writeFileSync(file, JSON.stringify({ PORT: 9000, LOG_LEVEL: 'warn' }));
  const config = loadConfig({ WEFT_CONFIG: file, LOG_LEVEL: 'debug' });
  assert.equal(config.port, 9000);
  assert.equal(config.logLevel, 'debug');
  writeFileSync(file, '[1,2]');
  assert.match(messageOf({ WEFT_CONFIG: file }), /is not a JSON object/);
});

test('web security settings: trust proxy, public origin and sign-in throttling, with defaults', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.trustProxy, false);
  assert.equal(defaults.publicOrigin, undefined);
  assert.deepEqual(defaults.loginThrottle, { userFailures: 5, addressFailures: 30, lockSeconds: 900 });
  assert.equal(loadConfig({ WEFT_TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ WEFT_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8,127.0.0.1');
  assert.match(
    messageOf({ WEFT_TRUST_PROXY: 'yes please' }),
    /^WEFT_TRUST_PROXY must be true, false, or the proxies' addresses/,
  );
  assert.equal(
    loadConfig({ WEFT_PUBLIC_ORIGIN: 'https://weft.example.com/' }).publicOrigin,
    'https://weft.example.com',
  );
  assert.match(
    messageOf({ WEFT_PUBLIC_ORIGIN: 'https://weft.example.com/console' }),
    /^WEFT_PUBLIC_ORIGIN must be an origin such as https:\/\/weft\.example\.com/,
  );
  const strict = loadConfig({
    WEFT_LOGIN_MAX_FAILURES: '3',
    WEFT_LOGIN_MAX_FAILURES_PER_ADDRESS: '10',
    WEFT_LOGIN_LOCK_SECONDS: '60',
  });
  assert.deepEqual(strict.loginThrottle, { userFailures: 3, addressFailures: 10, lockSeconds: 60 });
  assert.match(
    messageOf({ WEFT_LOGIN_MAX_FAILURES: '0' }),
    /^WEFT_LOGIN_MAX_FAILURES must be a whole number of failed sign-ins, at least 1/,
  );
});

test('WEFT_ALLOW_PRIVATE_URLS is off by default, takes true/false, yes/no, on/off or 1/0, and refuses anything else', () => {
  assert.equal(loadConfig({}).allowPrivateUrls, false);
  for (const on of ['true', 'yes', 'ON', '1'])
    assert.equal(loadConfig({ WEFT_ALLOW_PRIVATE_URLS: on }).allowPrivateUrls, true, on);
  for (const off of ['false', 'no', 'off', '0'])
    assert.equal(loadConfig({ WEFT_ALLOW_PRIVATE_URLS: off }).allowPrivateUrls, false, off);
  assert.equal(
    messageOf({ WEFT_ALLOW_PRIVATE_URLS: 'maybe' }),
    'WEFT_ALLOW_PRIVATE_URLS must be true or false (got "maybe").',
  );
});

test('metrics: a token of at least 16 characters, never echoed; an address as host:port; neither means off', () => {
  assert.deepEqual(loadConfig({}).metrics, { token: undefined, address: undefined });
  const short = messageOf({ WEFT_METRICS_TOKEN: 'short secret' });
  assert.match(short, /^WEFT_METRICS_TOKEN must be at least 16 characters without spaces/);
  assert.ok(!short.includes('short secret'), 'the token is not printed');
  assert.equal(
    messageOf({ WEFT_METRICS_ADDRESS: '9464' }),
    'WEFT_METRICS_ADDRESS must be a host and port to serve /metrics on, such as 127.0.0.1:9464 (got "9464").',
  );
  assert.match(messageOf({ WEFT_METRICS_ADDRESS: '127.0.0.1:70000' }), /^WEFT_METRICS_ADDRESS must be/);
  const both = loadConfig({ WEFT_METRICS_TOKEN: 'a'.repeat(24), WEFT_METRICS_ADDRESS: '[::1]:9464' }).metrics;
  assert.deepEqual(both, { token: 'a'.repeat(24), address: { host: '::1', port: 9464 } });
  assert.deepEqual(loadConfig({ WEFT_METRICS_ADDRESS: '0.0.0.0:9464' }).metrics.address, {
    host: '0.0.0.0',
    port: 9464,
  });
});

import type { Database } from '../../db/connect.ts';
import { noteContractCheck } from '../../core/sync/contract-guard.ts';
import { AjioClient } from './client.ts';
import type { AjioInterface, AjioSettings } from './settings.ts';

export function clientFor(settings: AjioSettings, credentials: AjioInterface): AjioClient {
  return new AjioClient({
    baseUrl: settings.baseUrl,
    pathPrefix: settings.pathPrefix,
    username: credentials.username,
    password: credentials.password,
    requestsPerSecond: settings.rateLimitPerSecond,
  });
}

/**
 * One client per channel and credentials, kept between runs so its token (30 minutes at AJIO) and
 * its pacing are shared by every stream of the channel in this process.
 */
const clients = new Map<string, AjioClient>();

/** When the token this process holds for the channel expires, for the health view. */
export function tokenValidUntil(channelCode: string): Date | null {
  for (const [key, client] of clients) if (JSON.parse(key)[0] === channelCode) return client.tokenValidUntil;
  return null;
}

/**
 * `guard` (a run's or a push's context) is where the contract guard records what it finds in login
 * answers; reads without a database leave it out.
 */
export function channelClient(
  channelCode: string,
  settings: AjioSettings,
  credentials: AjioInterface,
  guard?: { database?: Database; channel: { id: number } },
): AjioClient {
  const key = JSON.stringify([
    channelCode,
    settings.baseUrl,
    settings.pathPrefix,
    settings.rateLimitPerSecond,
    credentials.username,
    credentials.password,
  ]);
  let client = clients.get(key);
  if (!client) {
    for (const k of clients.keys()) if (JSON.parse(k)[0] === channelCode) clients.delete(k);
    client = clientFor(settings, credentials);
    clients.set(key, client);
  }
  const database = guard?.database;
  if (database && guard)
    client.recordLoginCheck = (check) => noteContractCheck(database, guard.channel.id, 'POST /authToken', check);
  return client;
}

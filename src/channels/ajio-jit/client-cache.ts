import { noteContractCheck } from '../../core/sync/contract-guard.ts';
import { AjioClient, type AjioClientOptions } from './client.ts';
import { reportMarketplaceCall } from '../../core/metrics/marketplace-calls.ts';
import type { AjioInterface, AjioSettings } from './settings.ts';
import type { Database } from '../../db/connect.ts';
import type { Logger } from '../../log.ts';
import { databaseWireJournal } from '../../core/wire-journal/recorder.ts';

/** Reports each call of a channel's client to the metrics port (core/metrics/marketplace-calls.ts). */
export const callReporter =
  (channelCode: string): AjioClientOptions['onCall'] =>
  (method, outcome) =>
    reportMarketplaceCall({ channel: channelCode, method, outcome });

/**
 * A client for these settings. With a channel code, each call is reported to the metrics port under
 * that channel; without one (a connection test, made from settings alone) it is not counted.
 */
export function clientFor(settings: AjioSettings, credentials: AjioInterface, channelCode?: string): AjioClient {
  return new AjioClient({
    onCall: channelCode ? callReporter(channelCode) : undefined,
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
 * What hands out a channel's client: a stream's, push's or read's context. With a database, the contract
 * guard records what it finds in login answers and the wire journal is written there.
 */
export interface ClientContext {
  /** Where the contract guard and the wire journal write; a bare read has none. */
  database?: Database;
  channel: { id: number; code: string };
  settings: AjioSettings;
  credentials: AjioInterface;
  log?: Logger;
}

export function channelClient(ctx: ClientContext): AjioClient {
  const { settings, credentials } = ctx;
  const channelCode = ctx.channel.code;
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
    client = clientFor(settings, credentials, channelCode);
    clients.set(key, client);
  }
  const database = ctx.database;
  if (database)
    client.recordLoginCheck = (check) => noteContractCheck(database, ctx.channel.id, 'POST /authToken', check);
  // The journal follows the context: the database of whoever uses the client now (one per process
  // in service; tests may open several). Whether it captures is the channel's switch, read there.
  client.journal = database ? databaseWireJournal(database, ctx.channel.id, ctx.log) : null;
  return client;
}

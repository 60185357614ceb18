import { Command } from 'commander';
import { openDatabase } from '../../db/connect.ts';
import { migrate } from '../../db/migrate.ts';
import { loadMasterKey, SecretBox, verifyMasterKey } from '../../core/secrets.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { ChannelService } from '../../core/channels.ts';
import { executeRun, StreamBusyError } from '../../core/sync/execute.ts';
import { createRun, finishRun, getRun } from '../../core/sync/runs.ts';
import { AppError } from '../../core/errors.ts';
import { runCommand } from '../boot.ts';
import { ProgressBar } from '../progress-bar.ts';

/**
 * `weft sync <channel> <stream>`: runs one stream now, in this process, with a progress bar. It uses
 * the same run records as the queue, so the run shows in the API and the console like any other.
 * On the embedded database stop `weft start` first (PGlite serves one process); on PostgreSQL it can
 * run beside the service.
 */
export const syncCommand = () =>
  new Command('sync')
    .description(
      'Run one stream of a channel now (skus, backorders, orders, inventory, reconcile, returns), with progress.',
    )
    .argument('<channel>', 'channel code, such as AJIO0001')
    .argument('<stream>', 'stream name')
    .action((code: string, stream: string) =>
      runCommand(async (config, log) => {
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
        try {
          await migrate(database);
          const secrets = new SecretBox(loadMasterKey(config.masterKey, config.dataDir));
          await verifyMasterKey(database.db, secrets);
          const channel = await new ChannelService(database.db, secrets, channelDescriptor).row(code);
          const runner = channelDescriptor(channel.type)?.streams.find((s) => s.name === stream);
          if (!runner)
            throw new AppError(
              'invalid',
              `There is no stream "${stream}"; streams: ${channelDescriptor(channel.type)
                ?.streams.map((s) => s.name)
                .join(', ')}.`,
            );
          const disabled = runner.disabledBecause(channel.settings);
          if (disabled) throw new AppError('conflict', disabled);
          const run = await createRun(database.db, { channelId: channel.id, stream, trigger: 'manual' });
          const bar = new ProgressBar(`${channel.code} ${stream} (run ${run.id})`);
          let finished = false;
          const watcher = (async () => {
            while (!finished) {
              const now = await getRun(database.db, run.id).catch(() => null);
              if (now)
                bar.update(
                  now.done,
                  now.total,
                  `created ${now.created} · updated ${now.updated} · failed ${now.failed}`,
                );
              await new Promise((r) => setTimeout(r, 250));
            }
          })();
          let result: Awaited<ReturnType<typeof executeRun>>;
          try {
            result = await executeRun({ database, secrets, lookup: channelDescriptor, log }, run.id, null);
          } catch (error) {
            // Another run of this stream holds it: this one is closed, not left queued with no job to run it.
            if (error instanceof StreamBusyError) await finishRun(database.db, run.id, error.message);
            throw error;
          } finally {
            finished = true;
            await watcher;
          }
          const summary = `${result.status}: ${result.done} records, created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, failed ${result.failed}`;
          bar.finish(result.error ? `${summary} — ${result.error}` : summary);
          if (result.status === 'failed') process.exitCode = 1;
        } finally {
          await database.close();
        }
      }),
    );

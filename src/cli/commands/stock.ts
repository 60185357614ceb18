import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { openDatabase } from '../../db/connect.ts';
import { migrate } from '../../db/migrate.ts';
import { notFound } from '../../core/errors.ts';
import { importStockCsv, type StockBatchResult } from '../../core/inventory/stock-import.ts';
import { runCommand } from '../boot.ts';
import { ProgressBar } from '../progress-bar.ts';

/** At most this many bad lines are printed; the count of all of them is in the summary. */
const printedErrors = 50;

/**
 * `weft stock import <file>`: a CSV of absolute counts applied as the API applies it, with a progress
 * bar. Exit 0 when every line was good (or the file had been imported before), 2 when some lines were
 * refused and the rest applied, 1 when nothing could be done (an unreadable file, a bad header).
 * On the embedded database stop `weft start` first (PGlite serves one process).
 */
export const stockCommand = () => {
  const stock = new Command('stock').description('Stock in bulk.');
  stock
    .command('import <file>')
    .description('Import absolute stock counts from a CSV file (warehouse,sku,quantity[,reason]).')
    .option(
      '--reference <reference>',
      'the batch reference (default: a hash of the file); the same one twice changes nothing',
    )
    .option('--dry-run', 'check the file and show what would change, without applying it')
    .action((file: string, options: { reference?: string; dryRun?: boolean }) =>
      runCommand(async (config) => {
        const size = await stat(file).catch(() => {
          throw notFound(`There is no file ${file}.`);
        });
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
        try {
          await migrate(database);
          const bar = new ProgressBar(options.dryRun ? `stock import ${file} (dry run)` : `stock import ${file}`);
          const result = await importStockCsv(database, createReadStream(file), {
            actor: 'cli',
            reference: options.reference,
            preview: options.dryRun === true,
            onProgress: ({ phase, done, total }) =>
              bar.update(
                done,
                total,
                phase === 'read' ? `lines read (${size.size.toLocaleString('en-US')} bytes)` : 'lines applied',
              ),
          });
          bar.finish(`stock import ${file}: ${result.lines.toLocaleString('en-US')} lines done.`);
          // The outcome on stdout, for a script to keep; progress went to stderr.
          console.log(summaryOf(result));
          for (const error of result.errors.slice(0, printedErrors))
            console.log(`line ${error.line}: ${error.errors.map((e) => e.message).join(' ')}`);
          if (result.failed > printedErrors)
            console.log(
              `… and ${result.failed - printedErrors} more bad lines (the console and the API list up to 1,000).`,
            );
          if (result.failed > 0 && result.status !== 'replayed') process.exitCode = 2;
        } finally {
          await database.close();
        }
      }),
    );
  return stock;
};

function summaryOf(result: StockBatchResult): string {
  return `${result.status} (reference ${result.reference}): ${result.message}`;
}

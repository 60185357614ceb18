import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { replayClean, replayJournal, replaySummary } from '../../channels/ajio-jit/replay.ts';

/**
 * `weft replay <file>`: checks a wire journal (NDJSON, as the channel's wire-journal.ndjson download
 * gives it) against the contract schemas and parsers Weft uses. Exit 0 when every answer would be
 * read, 1 when anything would fail (drift, a malformed line), 2 when the file cannot be read.
 * Needs no database and no settings: it can run on any machine with the file.
 */
export const replayCommand = () =>
  new Command('replay')
    .description(
      "Check a captured wire journal (NDJSON) against AJIO's contract and Weft's parsers; exit 1 if anything would fail.",
    )
    .argument('<file>', 'NDJSON file, from GET /api/channels/:code/wire-journal.ndjson')
    .action((file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        process.stderr.write(`weft: cannot read ${file}: ${(error as Error).message}\n`);
        process.exit(2);
      }
      const report = replayJournal(text);
      process.stdout.write(`${replaySummary(report, file)}\n`);
      process.exitCode = replayClean(report) ? 0 : 1;
    });

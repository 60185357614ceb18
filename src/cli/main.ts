import { Command } from 'commander';
import { settingsHelp } from '../config/config.ts';
import { apiCommand, startCommand, workerCommand } from './commands/serve.ts';
import { migrateCommand } from './commands/migrate.ts';
import { userCommand } from './commands/user.ts';
import { sandboxCommand } from './commands/sandbox.ts';
import { syncCommand } from './commands/sync.ts';
import { demoCommand } from './commands/demo.ts';
import { replayCommand } from './commands/replay.ts';
import { stockCommand } from './commands/stock.ts';

const program = new Command('weft')
  .description('Weft: orders and channel integration for AJIO JIT sellers.')
  .addHelpText(
    'after',
    `\nConfiguration (environment variables):\n${settingsHelp.map(([n, d, m]) => `  ${n.padEnd(40)} ${d.padEnd(12)} ${m}`).join('\n')}`,
  );

for (const make of [startCommand, apiCommand, workerCommand, migrateCommand, userCommand, syncCommand, sandboxCommand])
  program.addCommand(make());
program.addCommand(stockCommand());
program.addCommand(demoCommand());
program.addCommand(replayCommand());

await program.parseAsync(process.argv);

import { Command, Option } from 'commander';
import { openDatabase } from '../../db/connect.ts';
import { migrate } from '../../db/migrate.ts';
import { createUser, roles, updateUser } from '../../core/users/users.ts';
import { runCommand } from '../boot.ts';
import { invalid } from '../../core/errors.ts';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/connect.ts';

async function withDb(config: Config, work: (db: Db) => Promise<void>) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    await work(database.db);
  } finally {
    await database.close();
  }
}

/** The password comes from --password or WEFT_PASSWORD, so it need not sit in shell history. */
function passwordFrom(options: { password?: string }): string {
  const password = options.password ?? process.env.WEFT_PASSWORD;
  if (!password) throw invalid('Give the password with --password or the WEFT_PASSWORD environment variable.');
  return password;
}

export const userCommand = () => {
  const user = new Command('user').description('Manage users.');
  user
    .command('add <username>')
    .description('Add a user (the first one is usually an admin).')
    .addOption(new Option('--role <role>', 'admin, operator or viewer').choices(roles).default('operator'))
    .option('--password <password>', 'the password (or set WEFT_PASSWORD)')
    .action((username: string, options: { role: (typeof roles)[number]; password?: string }) =>
      runCommand((config) =>
        withDb(config, async (db) => {
          const created = await createUser(
            db,
            { username, password: passwordFrom(options), role: options.role },
            'cli',
          );
          console.log(`User ${created.username} added as ${created.role}.`);
        }),
      ),
    );
  user
    .command('set-password <username>')
    .description("Reset a user's password (signs them out of the console; their API tokens keep working).")
    .option('--password <password>', 'the new password (or set WEFT_PASSWORD)')
    .action((username: string, options: { password?: string }) =>
      runCommand((config) =>
        withDb(config, async (db) => {
          const changed = await updateUser(db, username, { password: passwordFrom(options) }, 'cli');
          const ended = changed.sessionsEnded ?? 0;
          console.log(
            `Password of ${username} changed; ${ended} console session${ended === 1 ? '' : 's'} signed out (API tokens still work).`,
          );
        }),
      ),
    );
  return user;
};

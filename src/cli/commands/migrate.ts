import { Command } from 'commander';
import { openDatabase } from '../../db/connect.ts';
import { migrate, schemaVersion } from '../../db/migrate.ts';
import { runCommand } from '../boot.ts';

export const migrateCommand = () =>
  new Command('migrate').description('Apply pending database migrations and print the schema version.').action(() =>
    runCommand(async (config) => {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(database);
        const version = await schemaVersion(database);
        console.log(
          applied.length
            ? `Applied ${applied.join(', ')}; schema version ${version}.`
            : `Up to date at schema version ${version}.`,
        );
      } finally {
        await database.close();
      }
    }),
  );

import { purgeWireJournal } from '../../core/wire-journal/store.ts';
import { defineJob } from '../registry.ts';

/**
 * Every hour: wire journal entries older than their channel's number of days are deleted, so a journal
 * left on does not grow without end.
 */
export const wireJournalPurgeJob = defineJob<object>({
  name: 'channels.wire-journal-purge',
  description: "Deletes wire journal entries older than each channel's number of days.",
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 10 * 60,
  cron: '17 * * * *',
  async handler(_data, { database, log }) {
    const deleted = await purgeWireJournal(database.db);
    if (deleted) log.info({ deleted }, 'wire journal purged');
    return { deleted };
  },
});

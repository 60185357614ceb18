import type { JobDefinition } from '../registry.ts';
import { heartbeatJob } from './heartbeat.ts';
import { channelScheduleJob, channelSyncJob } from './channel-sync.ts';
import { packDocumentsJob, packDocumentsSweepJob } from './pack-documents.ts';
import { wireJournalPurgeJob } from './wire-journal-purge.ts';
import { marketplaceInvoicesJob } from './marketplace-invoices.ts';
import { alertsEvaluateJob } from './alerts.ts';

/** Every job Weft knows. */
export const jobDefinitions: JobDefinition<any>[] = [
  heartbeatJob,
  channelSyncJob,
  channelScheduleJob,
  packDocumentsJob,
  packDocumentsSweepJob,
  wireJournalPurgeJob,
  marketplaceInvoicesJob,
  alertsEvaluateJob,
];

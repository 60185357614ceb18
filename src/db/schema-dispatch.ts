import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { manifests } from './schema-fulfilment.ts';

/** Tables of migration 0008 (dispatch attempts of a manifest). */
export const manifestDispatches = pgTable(
  'manifest_dispatches',
  {
    manifestId: bigint('manifest_id', { mode: 'number' })
      .notNull()
      .references(() => manifests.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    marketplaceManifestId: text('marketplace_manifest_id'),
    dispatched: integer('dispatched').notNull(),
    refused: integer('refused').notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.manifestId, t.attempt] })],
);

import { bigserial, integer, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** Stock counts in bulk and by feed (migration 0027): one row per applied batch, its replay answer. */
export const stockImports = pgTable(
  'stock_imports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source').$type<'csv' | 'snapshot'>().notNull(),
    reference: text('reference').notNull(),
    contentHash: text('content_hash').notNull(),
    actor: text('actor').notNull(),
    lines: integer('lines').notNull(),
    changed: integer('changed').notNull(),
    unchanged: integer('unchanged').notNull(),
    failed: integer('failed').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.source, t.reference)],
);

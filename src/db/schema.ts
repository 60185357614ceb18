/**
 * Drizzle's typed view of the tables that the SQL files in ./migrations create. The migrations are the
 * source of truth (one dialect for PGlite and PostgreSQL); these files must describe the same columns.
 * The tables live in schema-base.ts (those the others refer to) and one file per area; import them from
 * here.
 */
export * from './schema-base.ts';
export * from './schema-channel.ts';
export * from './schema-fulfilment.ts';
export * from './schema-documents.ts';
export * from './schema-dispatch.ts';
export * from './schema-contract.ts';
export * from './schema-credit.ts';
export * from './schema-alerts.ts';
export * from './schema-stock.ts';

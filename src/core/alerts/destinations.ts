import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { alertDestinations, type AlertDestinationKind } from '../../db/schema.ts';
import { outboundUrlProblem } from '../../net/outbound-url.ts';
import { audit } from '../audit.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { text } from '../schema-types.ts';
import type { SecretBox } from '../secrets.ts';

/**
 * Where alerts go: webhooks (a JSON body, or Slack's `{text}`) and e-mail over SMTP. The webhook URL
 * (Slack's carries its token) and the SMTP password are sealed with the master key like channel
 * passwords and never shown again: on an edit, leaving them out keeps the stored ones.
 */
const email = text({ max: 320 })
  .trim()
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'Give an e-mail address such as alerts@example.com.');

const base = {
  name: text({ max: 80 }).trim().min(1, 'Give the destination a name.'),
  enabled: z.boolean().default(true),
};

export const webhookInput = z.object({
  ...base,
  kind: z.literal('webhook'),
  /** Required when adding; left out on an edit, the stored URL stays. */
  url: text({ max: 2000 }).trim().optional(),
  format: z.enum(['json', 'slack'], "Give the format: 'json' or 'slack'.").default('json'),
});

export const emailInput = z.object({
  ...base,
  kind: z.literal('email'),
  host: text({ max: 253 }).trim().min(1, 'Give the SMTP server host name.'),
  port: z
    .number()
    .int('Give the port as a whole number.')
    .min(1)
    .max(65535, 'Give a port from 1 to 65535.')
    .default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: text({ max: 320 }).trim().optional(),
  /** Left out on an edit, the stored password stays; an empty string removes it. */
  password: text({ max: 256 }).optional(),
  from: email,
  to: z.array(email).min(1, 'Give at least one recipient.').max(20, 'Give at most 20 recipients.'),
});

export const destinationInput = z.discriminatedUnion('kind', [webhookInput, emailInput], {
  error: "Give the kind: 'webhook' or 'email'.",
});
export type DestinationInput = z.infer<typeof destinationInput>;

interface Secret {
  url?: string;
  password?: string;
}

/** A destination as the console shows it: no URL path or query, no password. */
export interface PublicDestination {
  id: number;
  name: string;
  kind: AlertDestinationKind;
  enabled: boolean;
  webhook: { format: 'json' | 'slack'; urlHint: string } | null;
  email: {
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    passwordSet: boolean;
    from: string;
    to: string[];
  } | null;
  updatedAt: Date;
}

/** A destination with its secrets opened, for sending. */
export type OpenDestination =
  | { id: number; name: string; kind: 'webhook'; url: string; format: 'json' | 'slack' }
  | {
      id: number;
      name: string;
      kind: 'email';
      host: string;
      port: number;
      secure: boolean;
      user: string | null;
      password: string | null;
      from: string;
      to: string[];
    };

type Row = typeof alertDestinations.$inferSelect;

/** What `config` holds: the webhook's format, or the SMTP fields that may be shown. */
interface StoredConfig {
  format?: 'json' | 'slack';
  host: string;
  port: number;
  secure: boolean;
  user?: string | null;
  from: string;
  to: string[];
}

/** The scheme and host of a URL: enough to recognise it, without the token a path may carry. */
const urlHint = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
};

function publicOf(row: Row, secrets: SecretBox): PublicDestination {
  const secret = row.secret ? secrets.openJson<Secret>(row.secret) : {};
  const c = row.config as unknown as StoredConfig;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    webhook: row.kind === 'webhook' ? { format: c.format ?? 'json', urlHint: urlHint(secret.url ?? '') } : null,
    email:
      row.kind === 'email'
        ? {
            host: c.host,
            port: c.port,
            secure: c.secure,
            user: c.user ?? null,
            passwordSet: Boolean(secret.password),
            from: c.from,
            to: c.to,
          }
        : null,
    updatedAt: row.updatedAt,
  };
}

export function openDestination(row: Row, secrets: SecretBox): OpenDestination {
  const secret = row.secret ? secrets.openJson<Secret>(row.secret) : {};
  const c = row.config as unknown as StoredConfig;
  if (row.kind === 'webhook')
    return { id: row.id, name: row.name, kind: 'webhook', url: secret.url ?? '', format: c.format ?? 'json' };
  return {
    id: row.id,
    name: row.name,
    kind: 'email',
    host: c.host,
    port: c.port,
    secure: c.secure,
    user: c.user ?? null,
    password: secret.password ?? null,
    from: c.from,
    to: c.to,
  };
}

export async function listDestinations(db: Db, secrets: SecretBox): Promise<PublicDestination[]> {
  const rows = await db.select().from(alertDestinations).orderBy(asc(alertDestinations.id));
  return rows.map((r) => publicOf(r, secrets));
}

export async function destinationRow(db: Db, id: number): Promise<Row> {
  const [row] = await db.select().from(alertDestinations).where(eq(alertDestinations.id, id));
  if (!row) throw notFound(`There is no alert destination ${id}: it may have been removed; reload the list.`);
  return row;
}

/** What is stored for an input: the shown part, and the sealed part (kept from `earlier` where not given). */
function stored(input: DestinationInput, earlier: Secret, secrets: SecretBox) {
  if (input.kind === 'webhook') {
    const url = input.url || earlier.url;
    if (!url) throw new AppError('invalid', 'Give the webhook URL (https://…).', { field: 'url' });
    const problem = outboundUrlProblem(url, 'The webhook URL');
    if (problem) throw new AppError('invalid', problem, { field: 'url' });
    return { config: { format: input.format }, secret: secrets.sealJson({ url }) };
  }
  const password = input.password === undefined ? earlier.password : input.password || undefined;
  return {
    config: {
      host: input.host,
      port: input.port,
      secure: input.secure,
      user: input.user || null,
      from: input.from,
      to: input.to,
    },
    secret: password ? secrets.sealJson({ password }) : null,
  };
}

const nameTaken = (name: string) =>
  new AppError('conflict', `An alert destination named "${name}" exists already: give another name.`, {
    field: 'name',
  });

export async function addDestination(
  db: Db,
  secrets: SecretBox,
  input: DestinationInput,
  actor: string,
): Promise<PublicDestination> {
  const values = stored(input, {}, secrets);
  try {
    const [row] = await db
      .insert(alertDestinations)
      .values({ name: input.name, kind: input.kind, enabled: input.enabled, ...values })
      .returning();
    await audit(db, {
      actor,
      action: 'create',
      entity: 'alert_destination',
      entityId: String(row.id),
      after: { name: row.name, kind: row.kind },
    });
    return publicOf(row, secrets);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function updateDestination(
  db: Db,
  secrets: SecretBox,
  id: number,
  input: DestinationInput,
  actor: string,
): Promise<PublicDestination> {
  const row = await destinationRow(db, id);
  if (row.kind !== input.kind)
    throw new AppError(
      'invalid',
      `Destination ${row.name} is a ${row.kind} destination: remove it and add a new one to change its kind.`,
      { field: 'kind' },
    );
  const earlier = row.secret ? secrets.openJson<Secret>(row.secret) : {};
  const values = stored(input, earlier, secrets);
  try {
    const [updated] = await db
      .update(alertDestinations)
      .set({ name: input.name, enabled: input.enabled, ...values, updatedAt: new Date() })
      .where(eq(alertDestinations.id, id))
      .returning();
    await audit(db, {
      actor,
      action: 'update',
      entity: 'alert_destination',
      entityId: String(id),
      after: { name: updated.name, enabled: updated.enabled },
    });
    return publicOf(updated, secrets);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Removes a destination; its undelivered notifications are dropped (their history keeps its name). */
export async function removeDestination(db: Db, id: number, actor: string): Promise<void> {
  const row = await destinationRow(db, id);
  await db.delete(alertDestinations).where(eq(alertDestinations.id, id));
  await audit(db, {
    actor,
    action: 'delete',
    entity: 'alert_destination',
    entityId: String(id),
    before: { name: row.name },
  });
}

import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { text } from './schema-types.ts';
import type { Db } from '../db/connect.ts';
import { channels, warehouses } from '../db/schema.ts';
import type { ChannelDescriptor, ChannelPolicy } from './channel-descriptor.ts';
import type { SecretBox } from './secrets.ts';
import { audit } from './audit.ts';
import { AppError, conflict, invalid, isUniqueViolation, notFound } from './errors.ts';
import { loginRefusalOf, noteLoginRefused, noteLoginSucceeded, type LoginRefusal } from './channel-login.ts';
import { getWarehouse } from './warehouses.ts';
import { queryRows } from '../db/rows.ts';
import { isZodDefaultMessage, plainMessage } from './plain-issues.ts';
import { testEinvoicing, type EinvoicingTested } from './einvoicing-test.ts';

/**
 * Channels: one per marketplace account and seller location. Settings are validated by the channel
 * type's own schema; credentials are sealed with the master key and never returned.
 */
export const newChannelSchema = z.object({
  type: text({ max: 50 }).min(1, 'Give the channel type, as its channel module names it.'),
  name: text({ max: 120 }).trim().min(1, 'Give the channel a name, such as "Marketplace B2B Bhiwandi".'),
  warehouse: text({ max: 200 }).min(1, 'Choose the order source warehouse.'),
  settings: z.record(z.string(), z.unknown()).default({}),
  interface: z.record(z.string(), z.unknown()),
  /**
   * A new channel starts in shadow (pulls run, writes are recorded, not sent) until an admin moves it
   * on (channel-mode/modes.ts). Giving 'live' here is for a channel already proven, such as the demo.
   */
  mode: z.enum(['shadow', 'live'], { message: "A new channel's mode is shadow (the default) or live." }).optional(),
});
export type NewChannel = z.input<typeof newChannelSchema>;

export const channelChangeSchema = z.object({
  name: text({ max: 120 }).trim().min(1, 'Give the channel a name.').optional(),
  warehouse: text({ max: 200 }).min(1, 'Choose the order source warehouse.').optional(),
  status: z.enum(['active', 'paused', 'disabled']).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  interface: z.record(z.string(), z.unknown()).optional(),
});
export type ChannelChange = z.input<typeof channelChangeSchema>;

export type ChannelRow = typeof channels.$inferSelect;

export interface ChannelView {
  code: string;
  type: string;
  name: string;
  warehouse: string;
  status: ChannelRow['status'];
  /** shadow, canary or live (issue 14), with the canary allowlists. */
  mode: ChannelRow['mode'];
  canarySkus: string[];
  canaryPos: string[];
  settings: Record<string, unknown>;
  interface: Record<string, unknown>;
  /** When the marketplace session last obtained for the channel expires (null: never logged in). */
  sessionValidUntil: Date | null;
  /** The marketplace's last refusal of the channel's login, until a later login succeeds (null: none). */
  loginRefused: LoginRefusal | null;
  createdAt: Date;
  updatedAt: Date;
}

export type DescriptorLookup = (type: string) => ChannelDescriptor | undefined;

/** Validation failures of a channel's own schemas, named by where they sit in the form. */
function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: 'settings' | 'interface'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [where, ...issue.path.map(String)].join('.');
  const plain = (i: typeof issue) => plainMessage({ ...i, path: [where, ...i.path] });
  throw invalid(
    isZodDefaultMessage(issue.message) ? plain(issue) : `${field}: ${issue.message}`,
    field,
    parsed.error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: plain(i) })),
  );
}

function descriptorOf(lookup: DescriptorLookup, type: string): ChannelDescriptor {
  const descriptor = lookup(type);
  if (!descriptor)
    throw invalid(`There is no channel type "${type}"; choose one of the channel types this Weft supports.`, 'type');
  return descriptor;
}

/** Deep merge for settings changes: objects merge, everything else replaces. */
function merge(base: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(change)) {
    const old = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' && !Array.isArray(old)
        ? merge(old as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export class ChannelService {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly lookup: DescriptorLookup,
  ) {}

  async create(input: NewChannel, actor: string): Promise<ChannelView> {
    const data = newChannelSchema.parse(input);
    const descriptor = descriptorOf(this.lookup, data.type);
    const settings = parseWith(descriptor.settingsSchema, data.settings, 'settings');
    const credentials = parseWith(descriptor.interfaceSchema, data.interface, 'interface');
    await this.#refuseIncompleteEinvoicing(descriptor, settings, credentials, data.warehouse);
    const account = descriptor.accountKey?.(credentials) ?? null;
    if (account) await this.#refuseTakenAccount(descriptor, account);
    return this.#onAccountTaken(descriptor, account, () =>
      this.#insert(data, descriptor, settings, credentials, account, actor),
    );
  }

  async #insert(
    data: z.output<typeof newChannelSchema>,
    descriptor: ChannelDescriptor,
    settings: unknown,
    credentials: unknown,
    account: { key: string } | null,
    actor: string,
  ): Promise<ChannelView> {
    return this.db.transaction(async (tx) => {
      const warehouse = await getWarehouse(tx, data.warehouse);
      // The code is the type's prefix and the row's own id, so it is unique without a second counter.
      const [next] = await queryRows<{ id: number }>(
        tx,
        sql`select nextval(pg_get_serial_sequence('channels', 'id'))::int as id`,
      );
      const id = Number(next.id);
      const [row] = await tx
        .insert(channels)
        .values({
          id,
          code: `${descriptor.codePrefix}${String(id).padStart(4, '0')}`,
          type: descriptor.type,
          name: data.name,
          warehouseId: warehouse.id,
          settings: settings as Record<string, unknown>,
          credentials: this.secrets.sealJson(credentials),
          accountKey: account?.key ?? null,
          mode: data.mode ?? 'shadow',
        })
        .returning();
      await audit(tx, {
        actor,
        action: 'create',
        entity: 'channel',
        entityId: row.code,
        after: { name: row.name, mode: row.mode, settings },
      });
      return this.#view(row, warehouse.code, descriptor);
    });
  }

  async list(): Promise<ChannelView[]> {
    const rows = await this.db
      .select({ channel: channels, warehouse: warehouses.code })
      .from(channels)
      .innerJoin(warehouses, eq(warehouses.id, channels.warehouseId))
      .orderBy(asc(channels.code));
    return rows.map((r) => this.#view(r.channel, r.warehouse, descriptorOf(this.lookup, r.channel.type)));
  }

  /** The channel's fulfilment and stock rules, from its descriptor (ChannelPolicy). */
  policy(channel: Pick<ChannelRow, 'type' | 'settings'>): ChannelPolicy {
    return descriptorOf(this.lookup, channel.type).policy(channel.settings);
  }

  async row(code: string): Promise<ChannelRow & { warehouseCode: string }> {
    const [row] = await this.db
      .select({ channel: channels, warehouse: warehouses.code })
      .from(channels)
      .innerJoin(warehouses, eq(warehouses.id, channels.warehouseId))
      .where(eq(channels.code, code.toUpperCase()));
    if (!row) throw notFound(`There is no channel with code ${code}.`);
    return { ...row.channel, warehouseCode: row.warehouse };
  }

  async get(code: string): Promise<ChannelView> {
    const row = await this.row(code);
    return this.#view(row, row.warehouseCode, descriptorOf(this.lookup, row.type));
  }

  /** The decrypted credentials, for the connector only. */
  async credentials<T>(
    code: string,
  ): Promise<{ settings: any; credentials: T; row: ChannelRow & { warehouseCode: string } }> {
    const row = await this.row(code);
    if (!row.credentials)
      throw new AppError('invalid', `Channel ${row.code} has no interface credentials: configure the interface first.`);
    return { settings: row.settings, credentials: this.secrets.openJson<T>(row.credentials), row };
  }

  async update(code: string, input: ChannelChange, actor: string): Promise<ChannelView> {
    const change = channelChangeSchema.parse(input);
    const before = await this.row(code);
    const descriptor = descriptorOf(this.lookup, before.type);
    const values: Partial<typeof channels.$inferInsert> = { updatedAt: new Date() };
    let account: { key: string; label: string; field?: string } | null = null;
    if (change.name) values.name = change.name;
    if (change.status) values.status = change.status;
    if (change.settings)
      values.settings = parseWith(descriptor.settingsSchema, merge(before.settings, change.settings), 'settings');
    if (change.interface) {
      const old = before.credentials ? this.secrets.openJson<Record<string, unknown>>(before.credentials) : {};
      // Passwords are write-only: a change that leaves them out keeps the stored ones.
      const merged = merge(old, change.interface);
      const credentials = parseWith(descriptor.interfaceSchema, merged, 'interface');
      values.credentials = this.secrets.sealJson(credentials);
      account = descriptor.accountKey?.(credentials) ?? null;
      values.accountKey = account?.key ?? null;
      if (account) await this.#refuseTakenAccount(descriptor, account, before.id);
    }
    // E-invoicing is judged as the channel will stand after the change: settings, credentials, warehouse.
    await this.#refuseIncompleteEinvoicing(
      descriptor,
      values.settings ?? before.settings,
      values.credentials ? this.secrets.openJson(values.credentials) : this.#openCredentials(before),
      change.warehouse ?? before.warehouseCode,
    );
    return this.#onAccountTaken(descriptor, account, () => this.#write(before, change, values, descriptor, actor));
  }

  async #write(
    before: ChannelRow & { warehouseCode: string },
    change: z.output<typeof channelChangeSchema>,
    values: Partial<typeof channels.$inferInsert>,
    descriptor: ChannelDescriptor,
    actor: string,
  ): Promise<ChannelView> {
    return this.db.transaction(async (tx) => {
      if (change.warehouse) values.warehouseId = (await getWarehouse(tx, change.warehouse)).id;
      const [row] = await tx.update(channels).set(values).where(eq(channels.id, before.id)).returning();
      await audit(tx, {
        actor,
        action: 'update',
        entity: 'channel',
        entityId: row.code,
        before: { name: before.name, status: before.status, settings: before.settings },
        after: {
          name: row.name,
          status: row.status,
          settings: row.settings,
          interfaceChanged: Boolean(change.interface),
        },
      });
      const warehouse = change.warehouse ? change.warehouse.toUpperCase() : before.warehouseCode;
      return this.#view(row, warehouse, descriptor);
    });
  }

  /**
   * Logs in now. A refused login is answered `login_refused` (the credentials are wrong, not the
   * marketplace down) and noted on the channel, as a successful one clears an earlier refusal.
   */
  async testConnection(code: string): Promise<{ ok: true; tokenValidUntil: Date }> {
    const { settings, credentials, row } = await this.credentials(code);
    const descriptor = descriptorOf(this.lookup, row.type);
    const startedAt = new Date();
    try {
      const { tokenValidUntil } = await descriptor.testConnection(settings, credentials);
      await this.db.update(channels).set({ sessionValidUntil: tokenValidUntil }).where(eq(channels.id, row.id));
      await noteLoginSucceeded(this.db, row.id, new Date(startedAt.getTime() + 1));
      return { ok: true, tokenValidUntil };
    } catch (error) {
      if (error instanceof AppError && error.code === 'login_refused')
        await noteLoginRefused(this.db, row.id, error.message);
      throw error;
    }
  }

  #openCredentials(row: ChannelRow): unknown {
    return row.credentials ? this.secrets.openJson(row.credentials) : null;
  }

  /**
   * A channel cannot be saved with e-invoicing on and a field NIC needs left empty (the descriptor
   * names them), nor with an order source warehouse that has no GSTIN to register invoices under.
   * Refused here, when the seller is at the form, rather than at the first pack.
   */
  async #refuseIncompleteEinvoicing(
    descriptor: ChannelDescriptor,
    settings: unknown,
    credentials: unknown,
    warehouseCode: string,
  ): Promise<void> {
    if (!descriptor.einvoicing || !credentials) return;
    const access = descriptor.einvoicing(settings, credentials);
    if (!access) return;
    const warehouse = await getWarehouse(this.db, warehouseCode);
    if (!warehouse.gstin)
      throw invalid(
        `E-invoicing is on but warehouse ${warehouse.code} has no GSTIN to register invoices under: add its GSTIN under Warehouses, or turn e-invoicing off.`,
        'warehouse',
      );
  }

  /**
   * "Test e-invoicing": signs in to the IRP with the stored e-invoicing settings and the GSTIN of the
   * channel's warehouse, answering in plain words (AppError login_refused names what the IRP refused).
   */
  async testEinvoicing(code: string): Promise<EinvoicingTested> {
    const { settings, credentials, row } = await this.credentials(code);
    const descriptor = descriptorOf(this.lookup, row.type);
    if (!descriptor.einvoicing)
      throw invalid(`Channel ${row.code} is of a type that does not register e-invoices itself.`);
    const access = descriptor.einvoicing(settings, credentials);
    if (!access)
      throw invalid(
        `E-invoicing is off for channel ${row.code}: turn it on, fill in its settings and save them, then test.`,
        'interface.einvoicing.enabled',
      );
    const warehouse = await getWarehouse(this.db, row.warehouseCode);
    if (!warehouse.gstin)
      throw invalid(
        `Warehouse ${warehouse.code} has no GSTIN, which the IRP signs in with: add it under Warehouses.`,
        'warehouse',
      );
    return testEinvoicing(access, warehouse.gstin);
  }

  /**
   * One channel of a type per marketplace account: refuses an account another channel already has.
   * Channels saved before the account was kept get theirs from their credentials first.
   */
  async #refuseTakenAccount(
    descriptor: ChannelDescriptor,
    account: { key: string; label: string; field?: string },
    exceptId?: number,
  ): Promise<void> {
    const unkept = await this.db
      .select()
      .from(channels)
      .where(and(eq(channels.type, descriptor.type), isNull(channels.accountKey)));
    for (const row of unkept) {
      if (!row.credentials || row.id === exceptId) continue;
      const key = descriptor.accountKey?.(this.secrets.openJson(row.credentials))?.key ?? null;
      if (!key) continue;
      try {
        await this.db.update(channels).set({ accountKey: key }).where(eq(channels.id, row.id));
      } catch (error) {
        // Two old channels on one account: neither keeps it, and both still refuse a third below.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const [other] = await this.db
      .select({ code: channels.code, name: channels.name })
      .from(channels)
      .where(
        and(
          eq(channels.type, descriptor.type),
          eq(channels.accountKey, account.key),
          exceptId === undefined ? undefined : ne(channels.id, exceptId),
        ),
      );
    if (other) throw this.#taken(account, other);
  }

  #taken(
    account: { key: string; label: string; field?: string },
    other: { code: string; name: string } | null,
  ): AppError {
    const whose = other ? `channel ${other.code} (${other.name})` : 'another channel';
    return conflict(
      `${account.label} ${account.key} is already used by ${whose}: one channel per ${account.label}. Edit that channel instead.`,
      account.field,
    );
  }

  /** The unique index is the last word when two changes race past the check. */
  async #onAccountTaken<T>(
    descriptor: ChannelDescriptor,
    account: { key: string; label: string; field?: string } | null,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!account || !isUniqueViolation(error)) throw error;
      const [other] = await this.db
        .select({ code: channels.code, name: channels.name })
        .from(channels)
        .where(and(eq(channels.type, descriptor.type), eq(channels.accountKey, account.key)));
      throw this.#taken(account, other ?? null);
    }
  }

  #view(row: ChannelRow, warehouse: string, descriptor: ChannelDescriptor): ChannelView {
    const credentials = row.credentials ? this.secrets.openJson(row.credentials) : null;
    return {
      code: row.code,
      type: row.type,
      name: row.name,
      warehouse,
      status: row.status,
      mode: row.mode,
      canarySkus: row.canarySkus,
      canaryPos: row.canaryPos,
      settings: row.settings,
      interface: credentials ? descriptor.publicInterface(credentials) : {},
      sessionValidUntil: row.sessionValidUntil,
      loginRefused: loginRefusalOf(row),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { outboundUrlProblem } from '../../net/outbound-url.ts';
import { text } from '../../core/schema-types.ts';
import { defaultSlaSettings, slaSettingsSchema } from '../../core/orders/sla.ts';

/**
 * The AJIO JIT channel's settings, as the seed document's "Channel Maintenance" and "Configure
 * Interface" screens group them. Messages are written for the seller filling in the form.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+05:30`)), 'This is not a real date.');

/** Today's date in India (AJIO's calendar), YYYY-MM-DD. */
const todayIst = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);

/** A date to read the marketplace from: there is nothing to read after today. */
const syncFrom = (what: 'Order' | 'Return') =>
  isoDate.superRefine((d, ctx) => {
    if (d > todayIst())
      ctx.addIssue({
        code: 'custom',
        message: `${what} sync-from date ${d} is in the future: pick today or earlier.`,
      });
  });
/**
 * An address Weft sends the channel's passwords to: https: to a public host unless
 * WEFT_ALLOW_PRIVATE_URLS is on (src/net/outbound-url.ts); checked again before every call.
 */
const credentialedUrl = (what: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = outboundUrlProblem(value, what);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const istTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time of day in IST as HH:MM, such as 02:30.');

export const inventorySyncSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Which stock counts: the order source warehouse alone, or several warehouses added together. */
    source: z.enum(['order-warehouse', 'consolidated']).default('order-warehouse'),
    /** Warehouse codes whose stock is added up when `source` is consolidated. */
    warehouses: z
      .array(text({ max: 200 }).min(1, 'Give a warehouse code.'))
      .max(100, 'Consolidate at most 100 warehouses.')
      .default([]),
    /** Real time: within 60 s of a change. Scheduled: every `intervalMinutes`. */
    mode: z.enum(['realtime', 'scheduled']).default('realtime'),
    intervalMinutes: z.number().int().min(5, 'Push at most every 5 minutes.').max(1440).default(30),
  })
  .refine((s) => s.source === 'order-warehouse' || s.warehouses.length > 0, {
    message: 'Choose the warehouses whose stock is consolidated.',
    path: ['warehouses'],
  });

export const reconciliationSchema = z.object({
  enabled: z.boolean().default(false),
  /** Once a day at this IST time (AJIO's integrators reconcile at most daily). */
  dailyAt: istTime.default('03:00'),
});

export const skuSyncSchema = z.object({
  /**
   * AJIO JIT listings are created on AJIO's side (templates and moderation); Weft pulls them and
   * never pushes catalogue, so `push` is refused rather than silently ignored.
   */
  mode: z
    .enum(['pull', 'off', 'push'])
    .default('pull')
    .refine((m) => m !== 'push', 'AJIO JIT creates listings on its own side: SKU sync can only pull (or be off).'),
  /** Moderation mode links pulled listings to Weft SKUs; the only mode AJIO JIT mappings allow. */
  createMode: z
    .literal('moderate', { error: 'AJIO JIT channel mappings need SKU create mode "moderate".' })
    .default('moderate'),
  intervalMinutes: z.number().int().min(15).max(1440).default(360),
});

/**
 * Which scans are box ids at the pack station. Always accepted: the seller's own LPN prefix (LPN-0001)
 * and the ids prefetch prints (<PO number>-<n>). `pattern`, when given, is a regular expression for
 * any other format the seller's boxes carry; by default the formats AJIO's sandbox and its examples
 * use (BOX-…, BX-…).
 */
export const boxIdSettingsSchema = z.object({
  lpnPrefix: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,10}$/, 'The LPN prefix is 1 to 10 letters or digits, such as LPN.')
    .default('LPN'),
  pattern: z
    .string()
    .trim()
    .min(1)
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'The box id pattern is not a valid regular expression, such as ^CTN[0-9]{6}$.')
    .default('^(BOX|BX)[-_]?[A-Za-z0-9_-]{1,36}$'),
});
export type BoxIdSettings = z.infer<typeof boxIdSettingsSchema>;

export const orderSettingsSchema = z
  .object({
    /** Off: no order pull, and no invoice, label or manifest for this channel. */
    orderSync: z.boolean().default(true),
    returnOrderSync: z.boolean().default(false),
    /** Fetch AJIO's invoice and box labels at picklist time ("prefetch deliveries"). */
    prepack: z.boolean().default(false),
    readyToShipAt: z.enum(['pack', 'manifest']).default('pack'),
    useMarketplaceLabel: z.boolean().default(true),
    /** Which label is printed when the marketplace label is used. */
    shippingLabel: z.enum(['ajio-box-label', 'weft-box-label']).default('ajio-box-label'),
    /**
     * Round invoice values to whole rupees, the round-off printed as its own line. Turn it on only when
     * AJIO rounds your invoices too (agreed with the account manager with the invoice series), so that
     * Weft's invoice and AJIO's record of the same number agree to the paisa.
     */
    invoiceRoundOff: z.boolean().default(false),
    backOrderIntervalMinutes: z.number().int().min(5).max(240).default(15),
    orderIntervalMinutes: z.number().int().min(5).max(240).default(15),
    boxIds: boxIdSettingsSchema.default(boxIdSettingsSchema.parse({})),
  })
  .refine((o) => o.useMarketplaceLabel || o.shippingLabel === 'weft-box-label', {
    message: "Without the marketplace label, Weft prints its own box label: choose 'weft-box-label'.",
    path: ['shippingLabel'],
  });

/** A PEM public key (or blank): one that cannot be read is refused when saved, not at the first pack. */
const publicKey = (what: string) =>
  text({ max: 10_000 })
    .trim()
    .refine((pem) => {
      if (!pem) return true;
      try {
        createPublicKey(pem);
        return true;
      } catch {
        return false;
      }
    }, `${what} is not a readable public key: paste the whole PEM, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----.`);

/**
 * Where and how Weft reaches the GST e-invoice system (IRP) when the channel's e-invoicing is on: the
 * API host (a GSP's or NIC's), the client id NIC issued, and the IRP's public encryption key.
 */
export const einvoiceSettingsSchema = z.object({
  irpBaseUrl: credentialedUrl('The e-invoice (IRP) API address').default('https://einv-apisandbox.nic.in'),
  clientId: z.string().trim().default(''),
  publicKeyPem: publicKey('The IRP public key').default(''),
  signingPublicKeyPem: publicKey('The IRP signing key').optional(),
});

export const ajioSettingsSchema = z.object({
  orderSyncFrom: syncFrom('Order'),
  returnSyncFrom: syncFrom('Return'),
  skuSync: skuSyncSchema.default(skuSyncSchema.parse({})),
  orders: orderSettingsSchema.default(orderSettingsSchema.parse({})),
  inventory: inventorySyncSchema.default(inventorySyncSchema.parse({})),
  reconciliation: reconciliationSchema.default(reconciliationSchema.parse({})),
  /** The PO SLA clock (AJIO's published expectation: 95% within 24 hours, all within 48). */
  sla: slaSettingsSchema.default(defaultSlaSettings),
  /** Requests per second Weft allows itself towards AJIO (AJIO throttles per seller user). */
  einvoice: einvoiceSettingsSchema.default(einvoiceSettingsSchema.parse({})),
  rateLimitPerSecond: z.number().min(0.5).max(50).default(8),
  baseUrl: credentialedUrl("AJIO's API address (such as https://api-seller.services.ajio.com)").default(
    'https://api-seller.services.ajio.com',
  ),
  pathPrefix: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'A path prefix starts with / and has no trailing /, such as /jit/v1.')
    .default(''),
});
export type AjioSettings = z.infer<typeof ajioSettingsSchema>;

/** "Configure Interface": the credentials, stored encrypted, never returned. */
export const ajioInterfaceSchema = z.object({
  username: text({ max: 100 })
    .trim()
    .regex(/^DV[A-Za-z0-9]+$/, 'The AJIO username is the POB id: letters and digits starting with DV.'),
  password: text({ max: 500 }).min(1, 'Give the API password from your AJIO account manager (not the portal login).'),
  isB2B: z
    .union([z.boolean(), z.enum(['yes', 'no', 'Yes', 'No', 'YES', 'NO'])])
    .transform((v) => v === true || String(v).toLowerCase() === 'yes')
    .refine((v) => v, 'Is B2B must be Yes: AJIO JIT is a B2B marketplace.'),
  einvoicing: z
    .object({
      enabled: z.boolean().default(false),
      username: text({ max: 200 }).trim().optional(),
      password: text({ max: 500 }).optional(),
      /** The client secret NIC (or the GSP) issued with the client id. */
      clientSecret: text({ max: 500 }).optional(),
    })
    .default({ enabled: false })
    .superRefine((e, ctx) => {
      if (e.enabled) {
        if (!e.username)
          ctx.addIssue({
            code: 'custom',
            path: ['username'],
            message: 'E-invoicing is on: give the e-invoicing portal username.',
          });
        if (!e.password)
          ctx.addIssue({
            code: 'custom',
            path: ['password'],
            message: 'E-invoicing is on: give the e-invoicing portal password.',
          });
      } else if (e.username || e.password || e.clientSecret) {
        ctx.addIssue({
          code: 'custom',
          path: [e.username ? 'username' : 'password'],
          message: 'E-invoicing is off: leave its username and password blank.',
        });
      }
    }),
});
export type AjioInterface = z.output<typeof ajioInterfaceSchema>;

/** What a channel shows of its interface: everything but the passwords. */
export function publicInterface(credentials: AjioInterface) {
  return {
    username: credentials.username,
    isB2B: credentials.isB2B,
    // Secrets are never shown: only whether one is stored.
    einvoicing: {
      enabled: credentials.einvoicing.enabled,
      username: credentials.einvoicing.username ?? null,
      passwordSet: Boolean(credentials.einvoicing.password),
      clientSecretSet: Boolean(credentials.einvoicing.clientSecret),
    },
    passwordSet: Boolean(credentials.password),
  };
}

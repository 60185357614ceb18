/** Answers of /api/channels/:code/performance and /coverage (src/core/orders/performance.ts, coverage.ts). */
import { z } from 'zod';

const count = z.number().int();
const rate = z.number().nullable();

export const performanceFigures = z.object({
  pos: count,
  units: count,
  shipped: count,
  sellerCancelled: count,
  shortPicked: count,
  onTime: count,
  due: count,
  fillRate: rate,
  onTimeRate: rate,
  sellerCancellationRate: rate,
  shortPickRate: rate,
});

export const performanceAnswer = z.object({
  channel: z.string(),
  from: z.string(),
  to: z.string(),
  /** The SLA target the on-time figure is measured against. */
  targetHours: count,
  days: z.array(performanceFigures.extend({ day: z.string() })),
  totals: performanceFigures,
});

export const coverageAnswer = z.object({
  channel: z.string(),
  items: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      onHand: count,
      openPoUnits: count,
      pendencyUnits: count,
      demand: count,
      coverage: z.number(),
      shortUnits: count,
      predictedShort: z.boolean(),
    }),
  ),
});

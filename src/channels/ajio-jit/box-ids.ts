import type { BoxIdRule } from '../../core/channel-descriptor.ts';
import { boxIdSettingsSchema, type AjioSettings } from './settings.ts';

/**
 * The box ids an AJIO JIT channel's pack station takes (settings.orders.boxIds): the seller's LPN
 * prefix, the prefetch's `<PO number>-<n>` (AJIO PO numbers are digits), and the channel's pattern.
 * A channel saved before the setting existed gets the defaults.
 */
const prefetchFormat = /^\d{6,20}-\d{1,3}$/;

export function boxIdRule(settings: AjioSettings): BoxIdRule {
  const parsed = boxIdSettingsSchema.safeParse(settings.orders?.boxIds ?? {});
  const { lpnPrefix, pattern } = parsed.success ? parsed.data : boxIdSettingsSchema.parse({});
  const lpn = new RegExp(`^${lpnPrefix}[-_]?[A-Za-z0-9_-]{1,36}$`, 'i');
  const other = new RegExp(pattern);
  return {
    accepts: (code) => code.length <= 40 && (lpn.test(code) || prefetchFormat.test(code) || other.test(code)),
    expected: `a box id starts with ${lpnPrefix} (such as ${lpnPrefix}-0001), is a prefetched box (<PO number>-1) or matches ${pattern}`,
  };
}

import { ChannelPushError, type ChannelReadContext } from '../../core/channel-descriptor.ts';
import { channelClient } from './client-cache.ts';
import { AjioError } from './errors.ts';
import type { AjioInterface, AjioSettings } from './settings.ts';

/**
 * A PDF at an address AJIO gave (the invoice's `invoice_url`), through the channel's client: the
 * outbound policy is checked before the call, and the apiKey goes only to AJIO's own API origin. Two
 * attempts here; a failure is recorded by the caller and retried later, never held up in a pack.
 */
export async function fetchAjioDocument(
  ctx: ChannelReadContext<AjioSettings, AjioInterface>,
  url: string,
): Promise<Buffer> {
  try {
    return await channelClient(ctx).document(url, { maxAttempts: 2 });
  } catch (error) {
    if (error instanceof AjioError) throw new ChannelPushError(error.kind, error.message);
    throw error;
  }
}

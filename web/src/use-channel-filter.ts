import { useEffect } from 'react';
import { get, withQuery } from './api.ts';
import { navigate } from './router.ts';
import { useLoad } from './use-load.ts';

/**
 * The channels a per-channel screen can show, for its channel filter. Without a channel in the URL the
 * first one is put there (replacing the history entry), with the screen's other filters kept.
 */
export function useChannelFilter(path: string, filter: { channel: string } & Record<string, string>) {
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  const first = channels.data?.items[0]?.code;
  const { channel, ...rest } = filter;
  const others = JSON.stringify(rest);
  useEffect(() => {
    if (!channel && first) navigate(withQuery(path, { channel: first, ...JSON.parse(others) }), { replace: true });
  }, [path, channel, first, others]);
  return channels;
}

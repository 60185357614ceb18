import { useState } from 'react';
import { get, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { navigate } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';
import type { ManifestDetail } from './manifest-types.ts';
import { ReadyShipments } from './ReadyShipments.tsx';
import { LoadFailed } from '../../components/LoadState.tsx';

/**
 * A manifest of the ready shipments of one channel and warehouse (POST /api/manifests), with those
 * shipments shown first. More than the channel's cap (AJIO: 250) makes several manifests.
 */
export function NewManifest({ onCreated }: { onCreated(): void }) {
  const channels = useLoad(
    () => get<{ items: { code: string; name: string; warehouse: string }[] }>('/api/channels'),
    [],
  );
  const warehouses = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/warehouses'), []);
  const [channel, setChannel] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  // Done: the manifests made when there was more than one (one opens by itself).
  const form = useSubmit<ManifestDetail[]>(['channel', 'warehouse']);
  const [version, setVersion] = useState(0);

  const chooseChannel = (code: string) => {
    setChannel(code);
    // A channel ships from its own warehouse; start there.
    const own = channels.data?.items.find((c) => c.code === code)?.warehouse;
    if (own) setWarehouse(own);
  };

  const submit = form.onSubmit(async () => {
    const { items } = await post<{ items: ManifestDetail[] }>('/api/manifests', { channel, warehouse });
    if (items.length === 1) {
      navigate(`/manifests/${items[0].code}`);
      return;
    }
    setVersion((v) => v + 1);
    onCreated();
    return items;
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New manifest">
      {form.done ? (
        <Notice kind="success">
          {`${form.done.length} manifests made (the channel takes at most so many POs per manifest):`}
          <ul>
            {form.done.map((m) => (
              <li key={m.code}>
                <Link to={`/manifests/${m.code}`}>{m.code}</Link> · {m.orders} POs
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      {(channels.error ?? warehouses.error) ? (
        <LoadFailed
          error={channels.error ?? warehouses.error ?? ''}
          onRetry={() => {
            channels.reload();
            warehouses.reload();
          }}
        />
      ) : null}
      <div className="grid">
        <Select
          label="Channel"
          name="channel"
          value={channel}
          empty="Choose a channel"
          error={form.errors.channel}
          onChange={chooseChannel}
          options={codeOptions(channels.data?.items)}
        />
        <Select
          label="Warehouse"
          name="warehouse"
          value={warehouse}
          empty="Choose a warehouse"
          error={form.errors.warehouse}
          onChange={setWarehouse}
          options={codeOptions(warehouses.data?.items)}
        />
      </div>
      <p className="muted ready-total" data-testid="ready-total">
        {total === null
          ? 'Looking for ready shipments…'
          : `${total} shipment${total === 1 ? '' : 's'} ready${channel ? ` for ${channel}` : ''}${warehouse ? ` at ${warehouse}` : ''}.`}
      </p>
      <ReadyShipments key={version} channel={channel} warehouse={warehouse} onTotal={setTotal} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create manifest'}
        </button>
      </div>
    </form>
  );
}

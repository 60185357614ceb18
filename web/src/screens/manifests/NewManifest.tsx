import { useState, type FormEvent } from 'react';
import { ApiError, get, messageOf, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Select } from '../../components/Select.tsx';
import { navigate } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import type { ManifestDetail } from './manifest-types.ts';
import { ReadyShipments } from './ReadyShipments.tsx';

/**
 * A manifest of the ready shipments of one channel and warehouse (POST /api/manifests), with those
 * shipments shown first. More than the channel's cap (AJIO: 250) makes several manifests.
 */
export function NewManifest({ onCreated }: { onCreated(): void }) {
  const channels = useLoad(() => get<{ items: { code: string; name: string; warehouse: string }[] }>('/api/channels'), []);
  const warehouses = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/warehouses'), []);
  const [channel, setChannel] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; made?: ManifestDetail[]; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  const chooseChannel = (code: string) => {
    setChannel(code);
    // A channel ships from its own warehouse; start there.
    const own = channels.data?.items.find((c) => c.code === code)?.warehouse;
    if (own) setWarehouse(own);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setNotice(null);
    setBusy(true);
    try {
      const { items } = await post<{ items: ManifestDetail[] }>('/api/manifests', { channel, warehouse });
      if (items.length === 1) {
        navigate(`/manifests/${items[0].code}`);
        return;
      }
      setNotice({ kind: 'success', made: items, text: `${items.length} manifests made (the channel takes at most so many POs per manifest):` });
      setVersion((v) => v + 1);
      onCreated();
    } catch (error) {
      const byField = error instanceof ApiError ? error.byField() : {};
      if (byField.channel || byField.warehouse) setErrors(byField);
      else setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New manifest">
      {notice ? (
        <Notice kind={notice.kind}>
          {notice.text}
          {notice.made ? <ul>{notice.made.map((m) => <li key={m.code}><Link to={`/manifests/${m.code}`}>{m.code}</Link> · {m.orders} POs</li>)}</ul> : null}
        </Notice>
      ) : null}
      {channels.error ?? warehouses.error ? <Notice kind="error">{channels.error ?? warehouses.error}</Notice> : null}
      <div className="grid">
        <Select label="Channel" name="channel" value={channel} empty="Choose a channel" error={errors.channel} onChange={chooseChannel}
          options={(channels.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))} />
        <Select label="Warehouse" name="warehouse" value={warehouse} empty="Choose a warehouse" error={errors.warehouse} onChange={setWarehouse}
          options={(warehouses.data?.items ?? []).map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))} />
      </div>
      <p className="muted ready-total" data-testid="ready-total">
        {total === null ? 'Looking for ready shipments…'
          : `${total} shipment${total === 1 ? '' : 's'} ready${channel ? ` for ${channel}` : ''}${warehouse ? ` at ${warehouse}` : ''}.`}
      </p>
      <ReadyShipments key={version} channel={channel} warehouse={warehouse} onTotal={setTotal} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create manifest'}</button>
      </div>
    </form>
  );
}

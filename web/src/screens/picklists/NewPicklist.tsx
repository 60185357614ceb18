import { useState } from 'react';
import { get, post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { navigate } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';
import type { PicklistDetail } from './picklist-types.ts';
import { LoadFailed } from '../../components/LoadState.tsx';
import { OpenPos } from './OpenPos.tsx';

interface Draft {
  warehouse: string;
  channel: string;
  poDateFrom: string;
  poDateTo: string;
}

const emptyDraft: Draft = { warehouse: '', channel: '', poDateFrom: '', poDateTo: '' };

/**
 * A picklist of the open orders of one warehouse (optionally one channel and a range of PO dates), as
 * POST /api/picklists takes it. The API judges the input; what it refuses is shown next to its field.
 */
export function NewPicklist() {
  const warehouses = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/warehouses'), []);
  const channels = useLoad(
    () => get<{ items: { code: string; name: string; warehouse: string }[] }>('/api/channels'),
    [],
  );
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const form = useSubmit(Object.keys(emptyDraft));
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const submit = form.onSubmit(async () => {
    // Empty choices are left out: "all channels" and "any date" are the API's defaults.
    const body = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== ''));
    const made = await post<PicklistDetail>('/api/picklists', { warehouse: '', ...body });
    navigate(`/picklists/${made.code}`);
  });

  const channelOptions = codeOptions(
    (channels.data?.items ?? []).filter((c) => !draft.warehouse || c.warehouse === draft.warehouse),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New picklist">
      {form.failure ? <Notice kind="error">{form.failure}</Notice> : null}
      {(warehouses.error ?? channels.error) ? (
        <LoadFailed
          error={warehouses.error ?? channels.error ?? ''}
          onRetry={() => {
            warehouses.reload();
            channels.reload();
          }}
        />
      ) : null}
      <div className="grid">
        <Select
          label="Warehouse"
          name="warehouse"
          value={draft.warehouse}
          empty="Choose a warehouse"
          error={form.errors.warehouse}
          onChange={(warehouse) => set({ warehouse, channel: '' })}
          options={codeOptions(warehouses.data?.items)}
        />
        <Select
          label="Channel"
          name="channel"
          value={draft.channel}
          empty="All channels"
          error={form.errors.channel}
          onChange={(channel) => set({ channel })}
          options={channelOptions}
        />
        <TextField
          label="PO date from"
          name="poDateFrom"
          type="date"
          value={draft.poDateFrom}
          error={form.errors.poDateFrom}
          onChange={(poDateFrom) => set({ poDateFrom })}
        />
        <TextField
          label="PO date to"
          name="poDateTo"
          type="date"
          value={draft.poDateTo}
          error={form.errors.poDateTo}
          onChange={(poDateTo) => set({ poDateTo })}
          hint="Leave the dates empty to take every open order."
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create picklist'}
        </button>
      </div>
      <OpenPos channel={draft.channel} />
    </form>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, messageOf, patch } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { Select } from '../../components/Select.tsx';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { formOf, interfaceOf, settingsOf, type ChannelForm, type Errors } from './channel-form.ts';
import {
  GeneralFields,
  InterfaceFields,
  InventoryFields,
  OrderFields,
  SkuSyncFields,
  SlaFields,
} from './ChannelFields.tsx';
import type { ChannelView, Warehouse } from './channel-types.ts';
import { ConnectionTest } from './ConnectionTest.tsx';
import { EinvoicingTest } from './EinvoicingTest.tsx';
import { ContractDrift } from './ContractDrift.tsx';
import { WireJournal } from './WireJournal.tsx';
import { ChannelModePanel, ModeBadge } from './ChannelMode.tsx';
import { StreamPanel } from './StreamPanel.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

const interfaceKeys: (keyof ChannelForm)[] = [
  'username',
  'password',
  'isB2B',
  'einvoicing',
  'einvoicingUsername',
  'einvoicingPassword',
  'einvoicingClientSecret',
];

/**
 * One channel's settings grouped as the seed's table groups them — Channel SKU, Orders, Inventory —
 * with its interface, a connection test and the streams. Admins change; everyone else reads.
 */
export function ChannelMaintenance({ code }: { code: string }) {
  useTitle(`Channel ${code}`);
  const canEdit = useCan('admin');
  const canOperate = useCan('operator');
  const channel = useLoad(() => get<ChannelView>(`/api/channels/${code}`), [code]);
  const warehouses = useLoad(() => get<{ items: Warehouse[] }>('/api/warehouses'), []);
  const [form, setForm] = useState<ChannelForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (channel.data) setForm(formOf(channel.data));
  }, [channel.data]);

  if (channel.error) return <LoadFailed error={channel.error} onRetry={channel.reload} />;
  if (!form || !channel.data) return <Loading />;
  const original = formOf(channel.data);
  const set = (change: Partial<ChannelForm>) => setForm((f) => (f ? { ...f, ...change } : f));
  const disabled = !canEdit;
  const gstinOf = (warehouse: string) => {
    const found = warehouses.data?.items.find((w) => w.code === warehouse);
    return found ? { warehouse: found.code, gstin: found.gstin } : undefined;
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setNews(null);
    setErrors({});
    const interfaceChanged = interfaceKeys.some((k) => form[k] !== original[k]);
    try {
      const updated = await patch<ChannelView>(`/api/channels/${code}`, {
        name: form.name.trim(),
        warehouse: form.warehouse,
        status: form.status,
        settings: settingsOf(form, { withBaseUrl: true }),
        ...(interfaceChanged ? { interface: interfaceOf(form) } : {}),
      });
      setForm(formOf(updated));
      setNews({ kind: 'success', text: 'Saved. New settings apply from the next run.' });
      channel.reload();
    } catch (error) {
      const byField = error instanceof ApiError ? error.byField() : {};
      setErrors(byField);
      setNews({
        kind: 'error',
        text: Object.keys(byField).length ? 'Nothing was saved: correct the fields marked below.' : messageOf(error),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>
          {channel.data.name} <span className="muted">{code}</span>
          <ModeBadge mode={channel.data.mode} testId="channel-mode" />
        </h1>
        <div className="actions">
          <Link to={`/orders?channel=${code}`} className="button">
            Orders
          </Link>
          <Link to={`/channels/${code}/mappings`} className="button">
            Channel mappings
          </Link>
          <Link to={`/channels/${code}/inventory`} className="button">
            Channel inventory
          </Link>
          <Link to={`/sync-runs?channel=${code}`} className="button">
            Sync runs
          </Link>
          <Link to={`/channels/${code}/go-live`} className="button">
            Go-live report
          </Link>
          {canOperate ? <ConnectionTest code={code} /> : null}
        </div>
      </div>
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      <ChannelModePanel channel={channel.data} onChanged={channel.reload} />
      <form onSubmit={save} noValidate>
        <fieldset disabled={disabled} className="plain">
          <Section title="Channel Maintenance">
            <GeneralFields
              form={form}
              set={set}
              errors={errors}
              warehouses={warehouses.data?.items ?? []}
              disabled={disabled}
            />
            <div className="grid">
              <Select
                label="Status"
                name="status"
                value={form.status}
                disabled={disabled}
                options={[
                  { value: 'active', label: 'Active' },
                  { value: 'paused', label: 'Paused (no runs)' },
                  { value: 'disabled', label: 'Disabled' },
                ]}
                onChange={(v) => set({ status: v as ChannelForm['status'] })}
                error={errors.status}
              />
              <TextField
                label="AJIO API address"
                name="baseUrl"
                value={form.baseUrl}
                disabled={disabled}
                onChange={(baseUrl) => set({ baseUrl })}
                error={errors['settings.baseUrl']}
                hint="Change only to use the sandbox or a different AJIO host."
              />
            </div>
          </Section>
          <Section title="Channel SKU">
            <SkuSyncFields form={form} set={set} errors={errors} disabled={disabled} />
          </Section>
          <Section title="Orders">
            <OrderFields form={form} set={set} errors={errors} disabled={disabled} />
          </Section>
          <Section title="Dispatch SLA">
            <SlaFields form={form} set={set} errors={errors} disabled={disabled} />
          </Section>
          <Section title="Inventory">
            <InventoryFields form={form} set={set} errors={errors} disabled={disabled} />
          </Section>
          <Section
            title="Interface"
            description={
              channel.data.interface.passwordSet
                ? 'Passwords are stored encrypted and never shown.'
                : 'No credentials are stored yet.'
            }
          >
            <InterfaceFields
              form={form}
              set={set}
              errors={errors}
              disabled={disabled}
              passwordSet={channel.data.interface.passwordSet}
              einvoicing={channel.data.interface.einvoicing}
              gstin={gstinOf(form.warehouse)}
            />
            {canOperate && channel.data.interface.einvoicing?.enabled ? (
              <EinvoicingTest code={code} unsaved={JSON.stringify(form) !== JSON.stringify(original)} />
            ) : null}
          </Section>
        </fieldset>
        {canEdit ? (
          <div className="form-actions sticky">
            <button
              type="button"
              onClick={() => {
                setForm(original);
                setErrors({});
              }}
              disabled={busy}
            >
              Undo changes
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        ) : null}
      </form>
      <StreamPanel code={code} login={channel.data.loginRefused} />
      <ContractDrift code={code} />
      {canEdit ? <WireJournal code={code} /> : null}
    </>
  );
}

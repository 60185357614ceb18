import { useState, type FormEvent } from 'react';
import { ApiError, get, messageOf, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import {
  blankForm,
  interfaceOf,
  interfaceProblems,
  isMaintenanceField,
  maintenanceProblems,
  settingsOf,
  type ChannelForm,
  type Errors,
} from './channel-form.ts';
import { GeneralFields, InterfaceFields, InventoryFields } from './ChannelFields.tsx';
import type { ChannelView, Warehouse } from './channel-types.ts';
import { LoadFailed } from '../../components/LoadState.tsx';

type Step = 'type' | 'maintenance' | 'interface' | 'saved';

interface ChannelType {
  type: string;
  displayName: string;
}

/**
 * Add New, as the seed document walks it: choose the channel, fill in Channel Maintenance, then
 * Configure Interface, then Save — which shows the new channel's code.
 */
export function AddChannel() {
  useTitle('Add channel');
  const types = useLoad(() => get<{ items: ChannelType[] }>('/api/channel-types'), []);
  const warehouses = useLoad(() => get<{ items: Warehouse[] }>('/api/warehouses'), []);
  const [step, setStep] = useState<Step>('type');
  const [type, setType] = useState<ChannelType | null>(null);
  const [form, setForm] = useState<ChannelForm>(blankForm);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<ChannelView | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ChannelForm>) => setForm((f) => ({ ...f, ...change }));

  function toInterface(e: FormEvent) {
    e.preventDefault();
    const problems = maintenanceProblems(form);
    setErrors(problems);
    if (Object.keys(problems).length === 0) setStep('interface');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const problems = interfaceProblems(form);
    setErrors(problems);
    if (Object.keys(problems).length || !type) return;
    setBusy(true);
    try {
      const channel = await post<ChannelView>('/api/channels', {
        type: type.type,
        name: form.name.trim(),
        warehouse: form.warehouse,
        settings: settingsOf(form, { withBaseUrl: false }),
        interface: interfaceOf(form),
      });
      setSaved(channel);
      setStep('saved');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        const byField = error.byField();
        setErrors(byField);
        // A problem with the maintenance settings is shown where it was entered.
        if (Object.keys(byField).some(isMaintenanceField)) setStep('maintenance');
        if (Object.keys(byField).length === 0) setFailure(error.message);
      } else setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>Add New channel{type ? `: ${type.displayName}` : ''}</h1>
        <ol className="steps" aria-label="Steps">
          {(['type', 'maintenance', 'interface', 'saved'] as const).map((s, i) => (
            <li key={s} className={s === step ? 'current' : undefined}>
              {i + 1}. {stepNames[s]}
            </li>
          ))}
        </ol>
      </div>
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {types.error || warehouses.error ? (
        <LoadFailed
          error={types.error ?? warehouses.error ?? ''}
          onRetry={() => {
            types.reload();
            warehouses.reload();
          }}
        />
      ) : null}

      {step === 'type' ? (
        <Section title="Choose the channel">
          <div className="choices">
            {(types.data?.items ?? []).map((t) => (
              <button
                key={t.type}
                type="button"
                className="choice"
                onClick={() => {
                  setType(t);
                  setStep('maintenance');
                }}
              >
                {t.displayName}
              </button>
            ))}
          </div>
        </Section>
      ) : null}

      {step === 'maintenance' ? (
        <form onSubmit={toInterface} noValidate>
          <Section title="Channel Maintenance">
            <GeneralFields form={form} set={set} errors={errors} warehouses={warehouses.data?.items ?? []} />
            <InventoryFields form={form} set={set} errors={errors} />
            {warehouses.data?.items.length === 0 ? (
              <Notice kind="info">There is no warehouse yet: an admin adds one first (POST /api/warehouses).</Notice>
            ) : null}
          </Section>
          <div className="form-actions">
            <button type="button" onClick={() => setStep('type')}>
              Back
            </button>
            <button type="submit" className="primary">
              Configure Interface
            </button>
          </div>
        </form>
      ) : null}

      {step === 'interface' ? (
        <form onSubmit={save} noValidate>
          <Section
            title="Configure Interface"
            description="The API credentials from your AJIO account manager; they are stored encrypted and never shown again."
          >
            <InterfaceFields
              form={form}
              set={set}
              errors={errors}
              gstin={(() => {
                const chosen = warehouses.data?.items.find((w) => w.code === form.warehouse);
                return chosen ? { warehouse: chosen.code, gstin: chosen.gstin } : undefined;
              })()}
            />
          </Section>
          <div className="form-actions">
            <button type="button" onClick={() => setStep('maintenance')}>
              Back
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      ) : null}

      {step === 'saved' && saved ? (
        <Section title="Channel saved">
          <p className="saved-code">
            Channel code <strong data-testid="channel-code">{saved.code}</strong>
          </p>
          <p>
            {saved.name} takes its orders to {saved.warehouse}. Test the connection and adjust the settings on its page.
          </p>
          <p data-testid="new-channel-mode">
            It starts in <strong>shadow</strong> mode: every pull runs and figures are computed, but nothing is sent to
            AJIO until an admin switches it to canary or live on its page.
          </p>
          <div className="form-actions">
            <Link to={`/channels/${saved.code}`} className="button primary">
              Open {saved.code}
            </Link>
            <Link to="/channels" className="button">
              Back to Manage Channels
            </Link>
          </div>
        </Section>
      ) : null}
    </>
  );
}

const stepNames: Record<Step, string> = {
  type: 'Channel',
  maintenance: 'Channel Maintenance',
  interface: 'Configure Interface',
  saved: 'Saved',
};

import { Field, TextField } from '../../components/Field.tsx';
import type { ChannelForm, Errors } from './channel-form.ts';

/**
 * Every field NIC's IRP needs to sign Weft in, shown while e-invoicing is on: the API address, the
 * client id and secret NIC (or the GSP) issued, the API user's name and password, the IRP's public
 * key, and — from the order source warehouse — the GSTIN. Secrets are never shown: "set" or "not set".
 */
export interface EinvoicingFieldsProps {
  form: ChannelForm;
  set(change: Partial<ChannelForm>): void;
  errors: Errors;
  disabled?: boolean;
  /** What the stored channel holds of the secrets (absent while adding a channel). */
  stored?: { passwordSet?: boolean; clientSecretSet?: boolean };
  /** The GSTIN the IRP is signed in with: the chosen warehouse's (null: it has none). */
  gstin?: { warehouse: string; gstin: string | null };
}

const secretHint = (set: boolean | undefined, what: string) =>
  set ? `${what}: set. Leave blank to keep it.` : `${what}: not set.`;

export function EinvoicingFields({ form, set, errors, disabled, stored, gstin }: EinvoicingFieldsProps) {
  return (
    <>
      <TextField
        label="IRP address"
        name="irpBaseUrl"
        value={form.irpBaseUrl}
        disabled={disabled}
        onChange={(irpBaseUrl) => set({ irpBaseUrl })}
        error={errors['settings.einvoice.irpBaseUrl']}
        hint="NIC's sandbox is https://einv-apisandbox.nic.in; the production host (or your GSP's) comes with onboarding."
      />
      <TextField
        label="GSTIN"
        name="einvoicingGstin"
        value={gstin ? (gstin.gstin ?? '') : ''}
        disabled
        onChange={() => undefined}
        error={
          gstin && !gstin.gstin ? `Warehouse ${gstin.warehouse} has no GSTIN: add it under Warehouses.` : undefined
        }
        hint={
          gstin ? `From warehouse ${gstin.warehouse}: the IRP signs in with it.` : 'From the order source warehouse.'
        }
      />
      <TextField
        label="Client id"
        name="einvoicingClientId"
        value={form.einvoicingClientId}
        disabled={disabled}
        onChange={(einvoicingClientId) => set({ einvoicingClientId })}
        error={errors['settings.einvoice.clientId']}
        autoComplete="off"
      />
      <TextField
        label="Client secret"
        name="einvoicingClientSecret"
        type="password"
        value={form.einvoicingClientSecret}
        disabled={disabled}
        onChange={(einvoicingClientSecret) => set({ einvoicingClientSecret })}
        error={errors['interface.einvoicing.clientSecret']}
        hint={secretHint(stored?.clientSecretSet, 'Client secret')}
        autoComplete="new-password"
      />
      <TextField
        label="E-invoicing username"
        name="einvoicingUsername"
        value={form.einvoicingUsername}
        disabled={disabled}
        onChange={(einvoicingUsername) => set({ einvoicingUsername })}
        error={errors['interface.einvoicing.username']}
        hint="The API user made on the e-invoice portal, not the GST portal login."
        autoComplete="off"
      />
      <TextField
        label="E-invoicing password"
        name="einvoicingPassword"
        type="password"
        value={form.einvoicingPassword}
        disabled={disabled}
        onChange={(einvoicingPassword) => set({ einvoicingPassword })}
        error={errors['interface.einvoicing.password']}
        hint={stored ? secretHint(stored.passwordSet, 'Password') : undefined}
        autoComplete="new-password"
      />
      <Field
        label="IRP public key"
        error={errors['settings.einvoice.publicKeyPem']}
        hint="The PEM NIC publishes for the environment, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----."
      >
        <textarea
          name="irpPublicKey"
          className="pem"
          value={form.irpPublicKey}
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => set({ irpPublicKey: e.target.value })}
        />
      </Field>
    </>
  );
}

import { TextField } from '../../components/Field.tsx';
import { codeOptions, Select, yesNo } from '../../components/Select.tsx';
import { Checkbox } from '../../components/Checkbox.tsx';
import type { ChannelForm, Errors } from './channel-form.ts';
import type { Warehouse } from './channel-types.ts';
import { EinvoicingFields, type EinvoicingFieldsProps } from './EinvoicingFields.tsx';

/** Today in India: sync-from dates cannot be later (the server refuses them too). */
const todayIst = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);

/** The groups of the seed's Channel Maintenance window, shared by Add New and the maintenance page. */
export interface FieldsProps {
  form: ChannelForm;
  set(change: Partial<ChannelForm>): void;
  errors: Errors;
  disabled?: boolean;
}

export function GeneralFields({ form, set, errors, disabled, warehouses }: FieldsProps & { warehouses: Warehouse[] }) {
  return (
    <div className="grid">
      <TextField
        label="Channel name"
        name="name"
        value={form.name}
        onChange={(name) => set({ name })}
        error={errors.name}
        disabled={disabled}
      />
      <Select
        label="Order source warehouse"
        name="warehouse"
        value={form.warehouse}
        empty="Choose a warehouse"
        disabled={disabled}
        options={codeOptions(warehouses)}
        onChange={(warehouse) => set({ warehouse })}
        error={errors.warehouse}
      />
      <TextField
        label="Order sync from"
        name="orderSyncFrom"
        type="date"
        value={form.orderSyncFrom}
        max={todayIst()}
        disabled={disabled}
        onChange={(orderSyncFrom) => set({ orderSyncFrom })}
        error={errors['settings.orderSyncFrom']}
        hint="POs raised from this day (IST) are pulled."
      />
      <TextField
        label="Return sync from"
        name="returnSyncFrom"
        type="date"
        value={form.returnSyncFrom}
        max={todayIst()}
        disabled={disabled}
        onChange={(returnSyncFrom) => set({ returnSyncFrom })}
        error={errors['settings.returnSyncFrom']}
      />
    </div>
  );
}

export function SkuSyncFields({ form, set, errors, disabled }: FieldsProps) {
  return (
    <div className="grid">
      <Select
        label="SKU sync"
        name="skuSync"
        value={form.skuSyncMode}
        disabled={disabled}
        options={[
          { value: 'pull', label: 'Pull from AJIO' },
          { value: 'off', label: 'Off' },
        ]}
        onChange={(v) => set({ skuSyncMode: v as ChannelForm['skuSyncMode'] })}
        error={errors['settings.skuSync.mode']}
        hint="AJIO JIT creates listings on its side, so Weft only pulls them."
      />
      <Select
        label="SKU create mode"
        name="createMode"
        value="moderate"
        disabled
        options={[{ value: 'moderate', label: 'Moderate' }]}
        onChange={() => undefined}
        error={errors['settings.skuSync.createMode']}
        hint="Channel mappings need moderation mode."
      />
    </div>
  );
}

export function InventoryFields({ form, set, errors, disabled }: FieldsProps) {
  return (
    <div className="grid">
      <Select
        label="Inventory sync method"
        name="inventorySync"
        value={form.inventorySync}
        disabled={disabled}
        options={[
          { value: 'realtime', label: 'Real time (within a minute of a change)' },
          { value: 'scheduled', label: 'Scheduled' },
          { value: 'off', label: 'Off' },
        ]}
        onChange={(v) => set({ inventorySync: v as ChannelForm['inventorySync'] })}
        error={errors['settings.inventory.mode'] ?? errors['settings.inventory.enabled']}
      />
      {form.inventorySync === 'scheduled' ? (
        <TextField
          label="Push every (minutes)"
          name="inventoryInterval"
          type="number"
          value={form.inventoryIntervalMinutes}
          disabled={disabled}
          onChange={(inventoryIntervalMinutes) => set({ inventoryIntervalMinutes })}
          error={errors['settings.inventory.intervalMinutes']}
        />
      ) : null}
      <Checkbox
        label="Enable inventory reconciliation"
        name="reconciliation"
        checked={form.reconciliation}
        disabled={disabled}
        onChange={(reconciliation) => set({ reconciliation })}
        error={errors['settings.reconciliation.enabled']}
        hint="Once a day, AJIO's figures are compared with Weft's."
      />
      {form.reconciliation ? (
        <TextField
          label="Reconcile daily at (IST)"
          name="reconciliationAt"
          type="time"
          value={form.reconciliationAt}
          disabled={disabled}
          onChange={(reconciliationAt) => set({ reconciliationAt })}
          error={errors['settings.reconciliation.dailyAt']}
        />
      ) : null}
    </div>
  );
}

export function OrderFields({ form, set, errors, disabled }: FieldsProps) {
  return (
    <div className="grid">
      <Checkbox
        label="Order sync"
        name="orderSync"
        checked={form.orderSync}
        disabled={disabled}
        onChange={(orderSync) => set({ orderSync })}
        error={errors['settings.orders.orderSync']}
        hint="Off: no order pull, and no invoice, label or manifest for this channel."
      />
      <Checkbox
        label="Return order sync"
        name="returnOrderSync"
        checked={form.returnOrderSync}
        disabled={disabled}
        onChange={(returnOrderSync) => set({ returnOrderSync })}
        error={errors['settings.orders.returnOrderSync']}
        hint="Returns arrive confirmed; receive them at return inbound."
      />
      <Checkbox
        label="Prepack enabled"
        name="prepack"
        checked={form.prepack}
        disabled={disabled}
        onChange={(prepack) => set({ prepack })}
        error={errors['settings.orders.prepack']}
        hint="Fetch the invoice and box labels when the picklist is made."
      />
      <Select
        label="Ready to ship at"
        name="readyToShipAt"
        value={form.readyToShipAt}
        disabled={disabled}
        options={[
          { value: 'pack', label: 'Pack' },
          { value: 'manifest', label: 'Manifest' },
        ]}
        onChange={(v) => set({ readyToShipAt: v as ChannelForm['readyToShipAt'] })}
        error={errors['settings.orders.readyToShipAt']}
      />
      <Checkbox
        label="Use marketplace shipping label"
        name="useMarketplaceLabel"
        checked={form.useMarketplaceLabel}
        disabled={disabled}
        onChange={(useMarketplaceLabel) => set({ useMarketplaceLabel })}
        error={errors['settings.orders.useMarketplaceLabel']}
      />
      <Select
        label="Shipping label"
        name="shippingLabel"
        value={form.shippingLabel}
        disabled={disabled}
        options={[
          { value: 'ajio-box-label', label: "AJIO's box label" },
          { value: 'weft-box-label', label: "Weft's box label" },
        ]}
        onChange={(v) => set({ shippingLabel: v as ChannelForm['shippingLabel'] })}
        error={errors['settings.orders.shippingLabel']}
      />
    </div>
  );
}

/** The PO SLA clock: dispatch-by target and limit, and when a PO counts as at risk, in hours from its PO date. */
export function SlaFields({ form, set, errors, disabled }: FieldsProps) {
  return (
    <div className="grid">
      <TextField
        label="Dispatch target (hours)"
        name="slaTargetHours"
        type="number"
        value={form.slaTargetHours}
        disabled={disabled}
        onChange={(slaTargetHours) => set({ slaTargetHours })}
        error={errors['settings.sla.targetHours']}
        hint="Dispatch by: the PO date (IST) plus these hours. AJIO expects 95% within 24."
      />
      <TextField
        label="Dispatch limit (hours)"
        name="slaLimitHours"
        type="number"
        value={form.slaLimitHours}
        disabled={disabled}
        onChange={(slaLimitHours) => set({ slaLimitHours })}
        error={errors['settings.sla.limitHours']}
        hint="After this a PO has breached the limit. AJIO expects all within 48."
      />
      <TextField
        label="At risk within (hours)"
        name="slaAtRiskHours"
        type="number"
        value={form.slaAtRiskHours}
        disabled={disabled}
        onChange={(slaAtRiskHours) => set({ slaAtRiskHours })}
        error={errors['settings.sla.atRiskHours']}
        hint="A PO this close to its target shows as at risk."
      />
    </div>
  );
}

/** Configure Interface: e-invoicing's fields (EinvoicingFields) appear only while e-invoicing is on. */
export function InterfaceFields({
  form,
  set,
  errors,
  disabled,
  passwordSet,
  einvoicing,
  gstin,
}: FieldsProps & { passwordSet?: boolean } & Pick<EinvoicingFieldsProps, 'gstin'> & {
    einvoicing?: EinvoicingFieldsProps['stored'];
  }) {
  const keep = passwordSet ? 'Leave blank to keep the stored password.' : undefined;
  return (
    <div className="grid">
      <TextField
        label="Username"
        name="interfaceUsername"
        value={form.username}
        disabled={disabled}
        onChange={(username) => set({ username })}
        error={errors['interface.username']}
        hint="The seller id for AJIO's API (starts with DV), from your account manager."
        autoComplete="off"
      />
      <TextField
        label="Password"
        name="interfacePassword"
        type="password"
        value={form.password}
        disabled={disabled}
        onChange={(password) => set({ password })}
        error={errors['interface.password']}
        hint={keep ?? 'The API password, not the portal login.'}
        autoComplete="new-password"
      />
      <Select
        label="Is B2B"
        name="isB2B"
        value={form.isB2B}
        options={yesNo}
        empty="Choose"
        disabled={disabled}
        onChange={(v) => set({ isB2B: v as ChannelForm['isB2B'] })}
        error={errors['interface.isB2B']}
        hint="Always Yes for AJIO JIT."
      />
      <Checkbox
        label="Enable e-invoicing"
        name="einvoicing"
        checked={form.einvoicing}
        disabled={disabled}
        onChange={(einvoicing) => set({ einvoicing })}
        error={errors['interface.einvoicing.enabled'] ?? errors['interface.einvoicing']}
        hint="Only for sellers the GST e-invoice rules cover; check with your AJIO account manager first."
      />
      {form.einvoicing ? (
        <EinvoicingFields form={form} set={set} errors={errors} disabled={disabled} stored={einvoicing} gstin={gstin} />
      ) : null}
    </div>
  );
}

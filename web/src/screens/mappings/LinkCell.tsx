import { useEffect, useState } from 'react';
import { ApiError, del, get, messageOf, post } from '../../api.ts';
import type { Listing, SkuOption } from './mapping-types.ts';
import { SkuPicker } from './SkuPicker.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';

interface LinkCellProps {
  code: string;
  listing: Listing;
  editing: boolean;
  onEdit(editing: boolean): void;
  onChanged(listing: Listing): void;
}

/** A row's action: link an unmapped listing with the SKU type-ahead, or unlink a mapped one. */
export function LinkCell({ code, listing, editing, onEdit, onChanged }: LinkCellProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  /** A SKU whose EAN differs from the listing's, waiting for "Link anyway" or another choice. */
  const [mismatch, setMismatch] = useState<{ code: string; ean: string } | null>(null);
  useEffect(() => {
    if (!editing) setMismatch(null);
  }, [editing]);
  const path = `/api/channels/${encodeURIComponent(code)}/listings/${encodeURIComponent(listing.channelSku)}/link`;

  async function change(request: () => Promise<Listing>) {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await request());
      onEdit(false);
    } catch (e) {
      setError(e instanceof ApiError ? (e.byField().sku ?? e.message) : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const link = (sku: string) => change(() => post<Listing>(path, { sku }));

  /**
   * Links at once when the EANs agree (or one is unknown); when both are known and differ, asks first:
   * the listing would then be sold from a different product's stock.
   */
  async function choose(code: string, option?: SkuOption) {
    let ean = option?.ean;
    if (!option && listing.ean) {
      // Typed, not picked: look the SKU up for its EAN; if it does not exist, the link's refusal says so.
      ean = await get<SkuOption>(`/api/skus/${encodeURIComponent(code)}`).then(
        (s) => s.ean,
        () => null,
      );
    }
    if (listing.ean && ean && ean !== listing.ean) setMismatch({ code, ean });
    else await link(code);
  }

  if (editing && mismatch) {
    return (
      <div className="ean-mismatch" role="alert" data-testid="ean-mismatch">
        <p>
          The EANs differ: listing {listing.channelSku} has EAN {listing.ean}, SKU {mismatch.code} has EAN{' '}
          {mismatch.ean}. Linking them sells this listing from the stock of {mismatch.code}.
        </p>
        <span className="confirm-buttons">
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => {
              const { code: chosen } = mismatch;
              setMismatch(null);
              void link(chosen);
            }}
          >
            Link anyway
          </button>
          <button type="button" onClick={() => setMismatch(null)}>
            Choose another SKU
          </button>
        </span>
      </div>
    );
  }
  if (editing) {
    return (
      <SkuPicker
        label={`Weft SKU for ${listing.channelSku}`}
        error={error}
        busy={busy}
        onChoose={(sku, option) => void choose(sku, option)}
        onCancel={() => {
          setError(undefined);
          onEdit(false);
        }}
      />
    );
  }
  if (listing.sku) {
    return (
      <>
        <ConfirmButton
          className=""
          disabled={busy}
          busy={busy}
          ariaLabel={`Unlink ${listing.channelSku}`}
          question={`Unlink SKU ${listing.sku} from listing ${listing.channelSku}?`}
          confirmLabel="Unlink"
          keepLabel="Keep"
          onConfirm={() => change(() => del<Listing>(path))}
        >
          Unlink
        </ConfirmButton>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <button type="button" aria-label={`Link ${listing.channelSku}`} onClick={() => onEdit(true)}>
      Link…
    </button>
  );
}

import { useState } from 'react';
import { ApiError, del, messageOf, post } from '../../api.ts';
import type { Listing } from './mapping-types.ts';
import { SkuPicker } from './SkuPicker.tsx';

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

  if (editing) {
    return (
      <SkuPicker
        label={`Weft SKU for ${listing.channelSku}`}
        error={error}
        busy={busy}
        onChoose={(sku) => void change(() => post<Listing>(path, { sku }))}
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
        <button
          type="button"
          disabled={busy}
          aria-label={`Unlink ${listing.channelSku}`}
          onClick={() => void change(() => del<Listing>(path))}
        >
          Unlink
        </button>
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

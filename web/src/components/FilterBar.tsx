import { useState, type ReactNode } from 'react';
import { navigate } from '../router.ts';

/** A list's filters as the URL keeps them: each a string, '' when not set. */
type Filters<F> = { [K in keyof F]: string };

/** Reads `keys` from the URL; a missing one is '' so that no field of the form is ever undefined. */
export const filtersFrom = <K extends string>(query: URLSearchParams, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, query.get(k) ?? ''])) as Record<K, string>;

export interface FilterFields<F> {
  /** The fields as typed, not yet searched for. */
  draft: F;
  set(change: Partial<F>): void;
  /** Searches at once, with `change` on top of the draft (for a choice that needs no Search). */
  apply(change?: Partial<F>): void;
}

interface Props<F extends Filters<F>> {
  /** The filters in the URL now. */
  value: F;
  /** The address of the list with these filters (and whatever else the page keeps in its URL). */
  to(filters: F): string;
  children(fields: FilterFields<F>): ReactNode;
}

/**
 * A list's filter form whose filters live in the URL, so a filtered list can be shared and reloaded:
 * the fields are a draft until Search; Clear empties every one. A new URL (Back, a link) starts the
 * form again from that URL.
 */
export function FilterBar<F extends Filters<F>>(props: Props<F>) {
  return <FilterForm key={JSON.stringify(props.value)} {...props} />;
}

function FilterForm<F extends Filters<F>>({ value, to, children }: Props<F>) {
  const [draft, setDraft] = useState(value);
  const go = (filters: F) => {
    setDraft(filters);
    // Spaces around a search are never meant; every other filter is a choice or a date.
    navigate(to(Object.fromEntries(Object.entries<string>(filters).map(([k, v]) => [k, v.trim()])) as F));
  };
  const set = (change: Partial<F>) => setDraft((d) => ({ ...d, ...change }));
  const apply = (change: Partial<F> = {}) => go({ ...draft, ...change });
  const clear = () => go(Object.fromEntries(Object.keys(value).map((k) => [k, ''])) as F);
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      role="search"
    >
      {children({ draft, set, apply })}
      <div className="filter-actions">
        <button type="submit" className="primary">
          Search
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}

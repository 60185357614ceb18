import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Section } from '../../components/Section.tsx';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { AdjustStock } from './AdjustStock.tsx';
import { Ledger } from './Ledger.tsx';
import type { LevelDetail } from './inventory-types.ts';
import './inventory.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

/** One SKU at one warehouse: its figures, the movements that made them, and (operators) a movement to record. */
export function InventoryItem({ warehouse, sku }: { warehouse: string; sku: string }) {
  const canOperate = useCan('operator');
  const path = `/api/inventory/levels/${encodeURIComponent(warehouse)}/${encodeURIComponent(sku)}`;
  const [version, setVersion] = useState(0);
  const level = useLoad(() => get<LevelDetail>(path, { limit: 1 }), [path, version]);
  useTitle(`${sku} at ${warehouse}`);

  if (level.error) return <LoadFailed error={level.error} onRetry={level.reload} />;
  const l = level.data;
  if (!l) return <Loading />;

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/inventory">Inventory</Link> / {l.warehouse}
          </p>
          <h1>
            {l.sku} <span className="muted">at {l.warehouse}</span>
          </h1>
          <p className="muted">{l.skuName}</p>
        </div>
      </div>
      <dl className="facts level-facts" data-testid="level-facts">
        <div>
          <dt>On hand</dt>
          <dd data-testid="on-hand">{l.onHand}</dd>
        </div>
        <div>
          <dt>Damaged</dt>
          <dd>{l.damaged}</dd>
        </div>
        <div>
          <dt>Allocated to POs</dt>
          <dd>{l.allocated}</dd>
        </div>
        <div>
          <dt>Reserved for pendency</dt>
          <dd>{l.reserved}</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd data-testid="available" className={l.available < 0 ? 'short' : undefined}>
            {l.available}
          </dd>
        </div>
      </dl>
      {canOperate ? (
        <Section
          title="Adjust"
          description="Stock changes only by a movement with a reason; it is kept in the ledger below with your name."
        >
          <AdjustStock level={l} onDone={() => setVersion((v) => v + 1)} />
        </Section>
      ) : null}
      <Section title="Ledger" description="Every movement of this SKU at this warehouse, newest first.">
        <Ledger path={path} version={version} />
      </Section>
    </>
  );
}

import type { PlanBox } from './pack-types.ts';

/**
 * A prefetched PO's plan, as AJIO holds it on its invoice and AWBs: the packer scans each planned box
 * label and packs exactly its units; the station refuses anything else.
 */
export function PlanView({ plan }: { plan: PlanBox[] }) {
  return (
    <section aria-label="Prefetched plan" data-testid="pack-plan">
      <p className="muted small">
        Prefetched: AJIO's invoice {plan[0].invoiceNumber} holds {plan.length} box(es). Pack exactly these.
      </p>
      <ul className="boxes">
        {plan.map((b) => (
          <li key={b.boxCode} className={b.state === 'open' ? 'box box-open' : 'box'}>
            <p className="box-title">
              Box {b.boxNo} of {plan.length} · {b.boxCode}
            </p>
            <p className="muted small">
              AWB {b.awb ?? '—'} · planned {(b.weightGrams / 1000).toFixed(3)} kg · {b.state}
            </p>
            <ul>
              {b.lines.map((l) => (
                <li key={l.externalLineId}>
                  {l.sku}: {l.packed} of {l.quantity}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

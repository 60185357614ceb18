import type { LoggedScan } from './InboundStation.tsx';

/** The units QC'd at this station since the page opened, newest first: what the operator just did. */
export function ScanLog({ scans }: { scans: LoggedScan[] }) {
  return (
    <ul className="scan-log" aria-label="Units QC'd">
      {scans.map((s) => (
        <li key={s.seq}>
          <span className={s.result}>{s.result === 'good' ? '✓ Good' : '✕ Bad'}</span>
          <span>{s.sku}</span>
          <span className="muted small">
            {s.result === 'good' ? `on hand ${s.stock.onHand}` : `damaged ${s.stock.damaged}`} at {s.stock.warehouse}
          </span>
        </li>
      ))}
    </ul>
  );
}

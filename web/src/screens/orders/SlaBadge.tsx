import { formatDateTime } from '../../format.ts';
import type { OrderSummary } from './order-types.ts';

/** Badge colours by SLA state: breaches and late dispatch red, at risk amber, the rest calm. */
const tone: Record<string, string> = {
  due: '',
  at_risk: 'badge-busy',
  breached_target: 'badge-failing',
  breached_limit: 'badge-failing',
  dispatched_on_time: 'badge-ok',
  dispatched_late: 'badge-failing',
  cancelled: '',
};

/** The PO's SLA clock in words ("due in 4 h", "breached target"), its dispatch-by time on hover. */
export function SlaBadge({ sla }: { sla: OrderSummary['sla'] }) {
  if (!sla) return <span className="muted">—</span>;
  return (
    <span
      className={`badge badge-sla ${tone[sla.state] ?? ''}`}
      data-testid="sla"
      data-state={sla.state}
      title={`Dispatch by ${formatDateTime(sla.dispatchBy)} IST; limit ${formatDateTime(sla.dispatchLimit)}; waiting ${sla.bucket}`}
    >
      {sla.label}
    </span>
  );
}

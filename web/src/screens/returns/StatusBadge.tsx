import { statusLabels, type ReturnStatus } from './return-types.ts';

export function StatusBadge({ status }: { status: ReturnStatus }) {
  return (
    <span className={`badge badge-return-${status}`} data-testid="return-status">
      {statusLabels[status] ?? status}
    </span>
  );
}

/** Times as a seller in India reads them: IST, day first. */
const dateTime = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
});

export const formatDateTime = (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : '—');
export const formatDate = (value: string | null | undefined) => (value ? dateOnly.format(new Date(value)) : '—');

/** Money is integer paise in the API. */
export const formatRupees = (paise: number | null | undefined) =>
  paise === null || paise === undefined
    ? '—'
    : `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** How long ago, in the largest unit that makes sense: the "lag" of a stream. */
export function ago(value: string | null | undefined, now = Date.now()): string {
  if (!value) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

export const humanize = (value: string) => value.replace(/[_-]+/g, ' ');

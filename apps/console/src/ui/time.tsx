const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment, readable, with the exact instant in `datetime` and on hover. */
export const Time = ({ iso, empty = 'never' }: { iso: string | null | undefined; empty?: string }) => {
  if (iso === null || iso === undefined) return <span class="muted">{empty}</span>;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? (
    <span>{iso}</span>
  ) : (
    <time dateTime={iso} title={iso}>
      {formatter.format(date)}
    </time>
  );
};

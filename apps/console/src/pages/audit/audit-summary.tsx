type Line = readonly [label: string, text: string];

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ before, after }`: how the audit log writes one changed value. */
const isChange = (value: unknown): value is { readonly before: unknown; readonly after: unknown } =>
  isRecord(value) && Object.keys(value).length === 2 && 'before' in value && 'after' in value;

const isPlain = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

const textOf = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => !isRecord(v) && !Array.isArray(v))) return value.length === 0 ? 'none' : value.map(textOf).join(', ');
  if (isChange(value)) return `${textOf(value.before)} → ${textOf(value.after)}`;
  // A record of plain values (a run's counts) reads as "created 30, updated 0", not as JSON.
  if (isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every(isPlain)) return Object.entries(value).map(([key, v]) => `${key} ${textOf(v)}`).join(', ');
  return JSON.stringify(value);
};

/**
 * An entry's summary as label and text lines. Its shape depends on the action, so it is read
 * generically: values as text, lists joined, a record of plain values as "name value" pairs,
 * `{ before, after }` as "before → after", and a record of such changes (an update's `changes`) as
 * one line per changed field.
 */
export const summaryLines = (summary: Readonly<Record<string, unknown>>): ReadonlyArray<Line> =>
  Object.entries(summary).flatMap(([key, value]): ReadonlyArray<Line> => {
    if (isRecord(value) && !isChange(value) && Object.keys(value).length > 0 && Object.values(value).every(isChange)) {
      return Object.entries(value).map(([field, change]): Line => [field, textOf(change)]);
    }
    return [[key, textOf(value)]];
  });

/** What an entry changed, readable; never a secret's value (the API writes `<field> rotated`). */
export const AuditSummary = ({ summary }: { summary: Readonly<Record<string, unknown>> }) => {
  const lines = summaryLines(summary);
  if (lines.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="audit-summary">
      {lines.map(([label, text], index) => (
        <div key={index}>
          <dt>{label}</dt>
          <dd class="wrap">{text}</dd>
        </div>
      ))}
    </dl>
  );
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input shows it, in the browser's time zone; empty when unreadable. */
export const toLocalInput = (iso: string | undefined): string => {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** A `datetime-local` value (the browser's time zone) as the ISO instant the API takes; undefined when empty. */
export const fromLocalInput = (value: string): string | undefined => {
  if (value === '') return undefined;
  const date = new Date(value);
  // An unreadable value goes as typed, for the API to refuse at its field.
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

/**
 * What taskport changed in an item a tracker sent so that it could be stored: a date no calendar
 * has (2026-02-30) or no column holds (year 0) kept as null, text cut in half repaired. The task
 * carries its notes, so whoever reads it knows the value is not the tracker's.
 */
export interface DataNote {
  /** The task's field, such as `dueDate` or `title` (`sourceData` for anything inside it). */
  readonly field: string;
  /** What happened to it, in plain words. */
  readonly note: string;
  /** The value the tracker sent, as text and shortened; null when it is not worth repeating. */
  readonly value: string | null;
}

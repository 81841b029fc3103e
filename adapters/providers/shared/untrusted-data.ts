import {
  isCalendarDay,
  isStorableDate,
  isStorableInstant,
  isStorableJson,
  isStorableText,
  storableJson,
  storableText,
  type DataNote,
  type SourceIssue,
} from '../../../core/index.js';

/**
 * A tracker's data is untrusted: one issue holding a value PostgreSQL cannot take used to fail its
 * whole page on every sync. Each provider's decoder reads the item's dates through `DataNotes` and
 * hands the item to core through `storableIssue`, so text is always storable and an impossible date
 * is null, with a note on the task saying what the tracker sent.
 */

const SHOWN_LENGTH = 100;
const DAY_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])/;

const shown = (raw: string): string => storableText(raw).slice(0, SHOWN_LENGTH);

/** Collects the notes of one item while its fields are read. */
export interface DataNotes {
  /**
   * The calendar day `YYYY-MM-DD` a date (or the start of a date-time) names; null, with a note on
   * `field`, when it names none from the year 1 to 9999 (2026-02-30, 0000-01-01, text).
   */
  readonly day: (field: string, raw: string | null | undefined) => string | null;
  /**
   * The instant `parse` reads in `raw`; null, with a note on `field`, when it reads none or one no
   * column holds. A day its month does not have is refused even where JavaScript would roll it over.
   */
  readonly instant: (field: string, raw: string | null | undefined, parse: (text: string) => Date | null) => Date | null;
  readonly list: () => ReadonlyArray<DataNote>;
}

export const dataNotes = (): DataNotes => {
  const notes: DataNote[] = [];
  const noted = (field: string, raw: string, note: string): null => {
    notes.push({ field, note, value: shown(raw) });
    return null;
  };
  const isBlank = (raw: string | null | undefined): raw is null | undefined | '' => raw === null || raw === undefined || raw.trim() === '';
  return {
    day: (field, raw) => {
      if (isBlank(raw)) return null;
      const day = DAY_PREFIX.exec(raw.trim())?.[0];
      return day !== undefined && isStorableDate(day) ? day : noted(field, raw, 'not a calendar date from the year 1 to 9999; kept as null');
    },
    instant: (field, raw, parse) => {
      if (isBlank(raw)) return null;
      const day = DAY_PREFIX.exec(raw.trim());
      if (day !== null && !isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3]))) return noted(field, raw, 'names a day its month does not have; kept as null');
      const at = parse(raw);
      if (at === null) return noted(field, raw, 'not a date-time; kept as null');
      return isStorableInstant(at.getTime()) ? at : noted(field, raw, 'not a date-time from the year 1 to 9999; kept as null');
    },
    list: () => notes,
  };
};

/** The item's text fields, each with the task field a note names. */
const TEXT_FIELDS = [
  ['externalId', 'externalId'],
  ['key', 'key'],
  ['url', 'url'],
  ['title', 'title'],
  ['description', 'description'],
  ['rawStatus', 'rawStatus'],
  ['statusCategory', 'status'],
  ['rawPriority', 'rawPriority'],
  ['projectKey', 'projectKey'],
  ['board', 'board'],
  ['company', 'company'],
  ['phase', 'phase'],
  ['assigneeEmail', 'assigneeEmail'],
  ['assigneeExternalId', 'assigneeExternalId'],
  ['version', 'sourceVersion'],
] as const satisfies ReadonlyArray<readonly [keyof SourceIssue, string]>;

const REPAIRED = 'held NUL characters or unpaired UTF-16 surrogates: NUL dropped, each surrogate replaced with U+FFFD';

const repairNote = (field: string): DataNote => ({ field, note: REPAIRED, value: null });

/**
 * Reads one item with `read`, which takes its dates through the notes it is given, and answers it
 * as core may store it: every text field and every string of `sourceData` (keys too) storable, a
 * note for each field repaired, and the notes its dates left. `dataNotes` is left out when there
 * are none, as for almost every item.
 */
export const storableIssue = (read: (dates: DataNotes) => SourceIssue): SourceIssue => {
  const dates = dataNotes();
  const issue = read(dates);
  const notes: DataNote[] = [...(issue.dataNotes ?? []), ...dates.list()];
  const repaired: Record<string, unknown> = {};
  for (const [field, taskField] of TEXT_FIELDS) {
    const value = issue[field];
    if (typeof value !== 'string' || isStorableText(value)) continue;
    repaired[field] = storableText(value);
    notes.push(repairNote(taskField));
  }
  if (!isStorableJson(issue.sourceData)) {
    repaired.sourceData = storableJson(issue.sourceData);
    notes.push(repairNote('sourceData'));
  }
  return notes.length === 0 ? issue : { ...issue, ...repaired, dataNotes: notes };
};

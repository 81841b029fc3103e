import { wallTimeToInstant } from './time-zone.js';

/** A query the simulator understands the words of but cannot answer. */
export class JqlError extends Error {}

/** What JQL date literals mean depends on who asks: they are read in the caller's time zone. */
export interface DateEnvironment {
  readonly zone: string;
  readonly now: number;
}

const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/;
const PERIOD = /^([-+]?)(\d+)([wdhm])$/;
const UNIT_MS: Readonly<Record<string, number>> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** A JQL date (`yyyy-MM-dd HH:mm`, `yyyy/MM/dd`, `-5d`, epoch ms) as an instant. */
export const dateValue = (field: string, text: string, env: DateEnvironment): number => {
  const date = DATE.exec(text.trim());
  if (date !== null) {
    const [, y, mo, d, h = '00', mi = '00'] = date;
    return wallTimeToInstant(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)), env.zone);
  }
  const period = PERIOD.exec(text.trim());
  if (period !== null) return env.now + (period[1] === '-' ? -1 : 1) * Number(period[2]) * (UNIT_MS[period[3] ?? 'd'] ?? 0);
  if (/^\d{10,}$/.test(text)) return Number(text);
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period such as '-5d' or '-12h'.`,
  );
};

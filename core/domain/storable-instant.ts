/**
 * The instants taskport stores: the years 1 to 9999 in UTC. PostgreSQL's timestamptz has no year 0,
 * and past 9999 `toISOString()` writes a six-digit year no column accepts, so anything outside is
 * refused where it enters rather than failing the write.
 */
export const EARLIEST_STORABLE_MS = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
export const LATEST_STORABLE_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export const isStorableInstant = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && epochMs >= EARLIEST_STORABLE_MS && epochMs <= LATEST_STORABLE_MS;

import { ByteCursor, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './byte-cursor.js';

/**
 * Why this exists: on the machines taskport runs on (a 2-core VM measured on 2026-12-02), a page of
 * fresh memory costs about 20 us to fault in, and V8 puts any string over 128 KB in its large-object
 * space, mapped fresh each time. So `toString` of a 433 KB Jira bulkfetch answer (100 issues) took
 * 2.5-2.9 ms (about 150 MB/s) where a 120 KB one takes 15 us (8 GB/s), and joining its 7 chunks with
 * Buffer.concat another ~1.1 ms: for 20,000 issues, 6.6 % of a first sync's CPU went to one `slice`.
 * ServiceNow range reads and ConnectWise pages of 1,000 records are MBs. Above the threshold the
 * top-level value is split into its elements or members (recursing into one that is itself large,
 * such as `{"issues":[...]}` or `{"result":[...]}`), each decoded from its own small slice and
 * parsed: 433 KB of Jira issues in about 2.9 ms of CPU instead of 5.5, 842 KB of ServiceNow records
 * in 3.7 instead of 6.5. Slices start and end at ASCII structural bytes, so none splits a UTF-8
 * sequence, and the result is what JSON.parse of the whole text gives.
 */

/**
 * Up to this size a body is parsed as before, whole: its string stays out of the large-object space
 * and the old way is the cheaper one (a 124 KB Jira page: 0.6 ms whole, 0.7 ms in pieces; 141 KB of
 * ServiceNow records: 1.5 ms whole, 0.9 ms in pieces).
 */
export const SPLIT_ABOVE_BYTES = 128 * 1024;

/** Whatever the scanner did not expect: the whole text is parsed instead, so errors are JSON.parse's own. */
class Unexpected extends Error {}

/** The chunks as one string: the one chunk's text, else the joined bytes' (what every body went through before). */
export const textOfChunks = (chunks: ReadonlyArray<Buffer>): string =>
  chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');

const byteLength = (chunks: ReadonlyArray<Buffer>): number => chunks.reduce((sum, chunk) => sum + chunk.length, 0);

/**
 * `JSON.parse` of the text the chunks hold, throwing what it throws, without building a large body
 * as one string: a body over `splitAboveBytes` is parsed piece by piece (pieces of at most that size
 * where the structure allows).
 */
export const parseJsonChunks = (chunks: ReadonlyArray<Buffer>, splitAboveBytes: number = SPLIT_ABOVE_BYTES): unknown => {
  if (byteLength(chunks) > splitAboveBytes) {
    try {
      return parseInPieces(chunks, splitAboveBytes);
    } catch {
      // Invalid JSON, a byte-order mark, trailing bytes: the whole text gives the same error as ever.
    }
  }
  return JSON.parse(textOfChunks(chunks));
};

/**
 * The split path alone: the top-level array or object parsed piece by piece, pieces of at most
 * `limit` bytes where the structure allows. Throws on anything it does not expect (a scalar at the
 * top, invalid JSON, a byte-order mark), leaving the error to the whole text's JSON.parse.
 */
export const parseInPieces = (chunks: ReadonlyArray<Buffer>, limit: number): unknown => {
  const cursor = new ByteCursor(chunks);
  const first = cursor.skipWhitespace();
  const value = first === OPEN_BRACKET ? splitArray(cursor, limit) : first === OPEN_BRACE ? splitObject(cursor, limit) : unexpected();
  if (cursor.skipWhitespace() !== -1) unexpected();
  return value;
};

const unexpected = (): never => {
  throw new Unexpected();
};

/** The value under the cursor: parsed from its own slice, or split when it is a container over `limit` bytes. */
const pieceOf = (cursor: ByteCursor, limit: number): unknown => {
  const start = cursor.mark();
  const first = cursor.peek();
  if (first === COMMA || first === COLON || first === CLOSE_BRACKET || first === CLOSE_BRACE) unexpected();
  const skipped = cursor.skipValue(limit);
  if (skipped === 'end') unexpected();
  if (skipped === 'done') return JSON.parse(cursor.textFrom(start));
  cursor.reset(start);
  return first === OPEN_BRACKET ? splitArray(cursor, limit) : splitObject(cursor, limit);
};

/** After an element or member: true when another follows (the comma passed), false at the closing byte (passed too). */
const another = (cursor: ByteCursor, close: number): boolean => {
  const byte = cursor.skipWhitespace();
  if (byte !== COMMA && byte !== close) unexpected();
  cursor.advance();
  if (byte === close) return false;
  cursor.skipWhitespace();
  return true;
};

const splitArray = (cursor: ByteCursor, limit: number): unknown[] => {
  cursor.advance();
  const elements: unknown[] = [];
  if (cursor.skipWhitespace() === CLOSE_BRACKET) {
    cursor.advance();
    return elements;
  }
  do elements.push(pieceOf(cursor, limit));
  while (another(cursor, CLOSE_BRACKET));
  return elements;
};

const splitObject = (cursor: ByteCursor, limit: number): Record<string, unknown> => {
  cursor.advance();
  const members: Record<string, unknown> = {};
  if (cursor.skipWhitespace() === CLOSE_BRACE) {
    cursor.advance();
    return members;
  }
  do {
    if (cursor.peek() !== QUOTE) unexpected();
    const start = cursor.mark();
    if (!cursor.skipString()) unexpected();
    const key = JSON.parse(cursor.textFrom(start)) as string;
    if (cursor.skipWhitespace() !== COLON) unexpected();
    cursor.advance();
    cursor.skipWhitespace();
    const value = pieceOf(cursor, limit);
    // JSON.parse makes `__proto__` an own property; an assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(members, key, { value, writable: true, enumerable: true, configurable: true });
    else members[key] = value;
  } while (another(cursor, CLOSE_BRACE));
  return members;
};

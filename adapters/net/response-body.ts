import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { parseJsonChunks, textOfChunks } from './json-pieces.js';

/** The answer's body went past the client's limit (read, or once decompressed). */
export class BodyTooLarge extends Error {}

/**
 * Reads an answer's raw bytes, at most `limit` of them: past it the read stops (the caller destroys
 * the connection) and the callback gets BodyTooLarge. The chunks are handed on as they came, never
 * joined here: a large answer is decoded piece by piece (see json-pieces.ts).
 */
export const readRawBody = (incoming: IncomingMessage, limit: number, done: (error: Error | null, raw: ReadonlyArray<Buffer>) => void): void => {
  const chunks: Buffer[] = [];
  let size = 0;
  incoming.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      incoming.removeAllListeners('data');
      incoming.pause();
      return done(new BodyTooLarge(), []);
    }
    chunks.push(chunk);
  });
  incoming.on('end', () => done(null, chunks));
};

// Lenient as browsers are: a stream cut short after complete blocks still decodes what it holds.
const FLUSH: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_FLUSH: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

type Inflate = (raw: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions, callback: zlib.CompressCallback) => void;

/** A zlib-wrapped deflate stream starts with a CMF byte whose low nibble is 8; servers also send raw deflate as "deflate". */
const deflateOf = (raw: Buffer): Inflate => ((raw[0]! & 0x0f) === 0x08 ? zlib.inflate : zlib.inflateRaw);

const inflaterOf = (encoding: string, raw: Buffer): { readonly inflate: Inflate; readonly options: zlib.ZlibOptions & zlib.BrotliOptions } | null => {
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return { inflate: zlib.gunzip, options: FLUSH };
    case 'deflate':
    case 'x-deflate':
      return { inflate: deflateOf(raw), options: FLUSH };
    case 'br':
      return { inflate: zlib.brotliDecompress, options: BROTLI_FLUSH };
    default:
      return null;
  }
};

/**
 * The body's bytes: decompressed in one call off the main thread when the answer names gzip, deflate
 * or br (never past `limit` bytes, so a small answer cannot inflate into a huge one), else the chunks
 * as they came.
 */
export const decodeBody = (raw: ReadonlyArray<Buffer>, encoding: string | undefined, limit: number, done: (error: Error | null, bytes: ReadonlyArray<Buffer>) => void): void => {
  const joined = encoding === undefined || raw.length === 0 ? null : raw.length === 1 ? raw[0]! : Buffer.concat(raw);
  const inflater = joined === null || joined.length === 0 ? null : inflaterOf(encoding!, joined);
  if (inflater === null) return done(null, raw);
  inflater.inflate(joined!, { ...inflater.options, maxOutputLength: limit }, (error, inflated) => {
    if (error === null) return done(null, [inflated]);
    done((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new BodyTooLarge() : error, []);
  });
};

/** An answer's body, kept as its bytes until someone asks: as text (decoded once), or as JSON (once). */
export interface BodyContent {
  readonly text: () => string;
  /**
   * JSON.parse of the text, throwing what it throws; a large body is parsed without being made one
   * string first. Parsing from the bytes consumes them (text read afterwards throws): bytes kept
   * alive beside the parsed value outlived young-generation GCs, and a search of 20,000 issues in
   * pages of 50 then ran 15-18 full GCs instead of 1-3, with 20 MiB more peak RSS.
   */
  readonly json: () => unknown;
}

export const bodyContent = (bytes: ReadonlyArray<Buffer>): BodyContent => {
  let chunks: ReadonlyArray<Buffer> | null = bytes;
  let text: string | null = null;
  const textOf = (): string => {
    if (text !== null) return text;
    if (chunks === null) throw new Error('The body was read as JSON, which consumed it; read the text first to have both');
    text = textOfChunks(chunks);
    // The text holds everything now; the bytes need not stay alive beside it.
    chunks = null;
    return text;
  };
  const json = (): unknown => {
    if (chunks === null) return JSON.parse(textOf());
    const consumed = chunks;
    chunks = null;
    return parseJsonChunks(consumed);
  };
  return { text: textOf, json };
};

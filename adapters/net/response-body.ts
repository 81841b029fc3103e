import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';

/** The answer's body went past the client's limit (read, or once decompressed). */
export class BodyTooLarge extends Error {}

/**
 * Reads an answer's raw bytes, at most `limit` of them: past it the read stops (the caller destroys
 * the connection) and the callback gets BodyTooLarge. One chunk is handed on as it came; several are
 * copied once, into a buffer of their total size.
 */
export const readRawBody = (incoming: IncomingMessage, limit: number, done: (error: Error | null, raw: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  let size = 0;
  incoming.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      incoming.removeAllListeners('data');
      incoming.pause();
      return done(new BodyTooLarge(), Buffer.alloc(0));
    }
    chunks.push(chunk);
  });
  incoming.on('end', () => done(null, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
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
 * The body as text: decompressed in one call off the main thread when the answer names gzip, deflate
 * or br (never past `limit` bytes, so a small answer cannot inflate into a huge one), else as it came.
 */
export const decodeBody = (raw: Buffer, encoding: string | undefined, limit: number, done: (error: Error | null, text: string) => void): void => {
  const inflater = encoding === undefined || raw.length === 0 ? null : inflaterOf(encoding, raw);
  if (inflater === null) return done(null, raw.toString('utf8'));
  inflater.inflate(raw, { ...inflater.options, maxOutputLength: limit }, (error, inflated) => {
    if (error === null) return done(null, inflated.toString('utf8'));
    done((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new BodyTooLarge() : error, '');
  });
};

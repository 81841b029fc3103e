import type { IncomingMessage } from 'node:http';

/** Thrown by `readRawBody` when a body exceeds its limit; what was sent has been read and dropped, within bounds. */
export class BodyTooLarge extends Error {}

/** Thrown by `readRawBody` when the client goes away before its whole body has arrived. */
export class BodyAbandoned extends Error {}

/** How much of a refused body is still read (and dropped) so the client sees the 413, as a multiple of the limit. */
const DISCARD_LIMITS = 4;
const DISCARD_MS = 5_000;

/**
 * A client that writes its whole body before reading gets a broken pipe, not the answer, if the
 * connection closes while it writes. So the rest of a refused body is read and dropped, up to a
 * few times the limit and a few seconds; past that the answer's `Connection: close` cuts it off.
 */
const discardRest = (req: IncomingMessage, alreadyRead: number, limit: number): Promise<void> =>
  new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > DISCARD_LIMITS * limit) return resolve();
    let seen = alreadyRead;
    const finish = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      req.pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DISCARD_LIMITS * limit) finish();
    };
    const timer = setTimeout(finish, DISCARD_MS);
    req.on('data', onData).once('end', finish).once('error', finish).once('close', finish);
    req.resume();
  });

/** Reads the raw bytes of a request, refusing more than `limit` without keeping the excess. */
export const readRawBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const refuse = (alreadyRead: number) => discardRest(req, alreadyRead, limit).then(() => reject(new BodyTooLarge()));
    if (Number(req.headers['content-length'] ?? 0) > limit) return void refuse(0);
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => req.off('data', onData).off('end', onEnd).off('error', onAbandoned).off('close', onAbandoned);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      void refuse(size);
    };
    const onEnd = () => {
      stop();
      // A body of one read (a typical webhook) is handed over as it came, not copied.
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onAbandoned = () => {
      stop();
      reject(new BodyAbandoned());
    };
    req.on('data', onData).once('end', onEnd).once('error', onAbandoned).once('close', onAbandoned);
  });

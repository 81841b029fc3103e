/** JSON's structural bytes, all ASCII: a slice cut at one never splits a UTF-8 sequence. */
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const QUOTE = 0x22;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
const BACKSLASH = 0x5c;
const EMPTY = Buffer.alloc(0);

/** Past this many bytes of a string read byte by byte, the rest is found with `indexOf` (a native call costs more than a short string). */
const SHORT_STRING = 24;

/** A place in the chunks, to come back to or to slice from. */
export interface Mark {
  readonly index: number;
  readonly at: number;
  readonly position: number;
}

/** How skipping a value ended: past its end, over the size it was allowed (cursor left mid-way), or at the end of the input. */
export type Skipped = 'done' | 'large' | 'end';

/**
 * Walks JSON text held in several buffers (an answer's chunks as they came) without joining them:
 * the byte under the cursor, whitespace, strings (quotes escaped or not) and whole values skipped,
 * and the text between a mark and the cursor decoded from its own bytes. It only finds where values
 * end; whether they are valid JSON is JSON.parse's to say.
 */
export class ByteCursor {
  private index = 0;
  private chunk: Buffer;
  private at = 0;
  /** Where the current chunk starts in the whole input. */
  private base = 0;

  constructor(private readonly chunks: ReadonlyArray<Buffer>) {
    this.chunk = chunks[0] ?? EMPTY;
  }

  /** The byte under the cursor, or -1 at the end of the input. */
  peek(): number {
    while (this.at >= this.chunk.length) if (!this.nextChunk()) return -1;
    return this.chunk[this.at]!;
  }

  advance(): void {
    this.at += 1;
  }

  /** The first byte that is not JSON whitespace (the cursor on it), or -1 at the end. */
  skipWhitespace(): number {
    for (;;) {
      const byte = this.peek();
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
      this.at += 1;
    }
  }

  mark(): Mark {
    this.peek();
    return { index: this.index, at: this.at, position: this.base + this.at };
  }

  reset(mark: Mark): void {
    this.index = mark.index;
    this.chunk = this.chunks[mark.index] ?? EMPTY;
    this.at = mark.at;
    this.base = mark.position - mark.at;
  }

  /** The text from `mark` to the cursor, decoded from its own bytes (copied together only when it spans chunks). */
  textFrom(mark: Mark): string {
    if (mark.index === this.index) return this.chunk.toString('utf8', mark.at, this.at);
    const parts = [this.chunks[mark.index]!.subarray(mark.at), ...this.chunks.slice(mark.index + 1, this.index), this.chunk.subarray(0, this.at)];
    return Buffer.concat(parts, this.base + this.at - mark.position).toString('utf8');
  }

  /** From an opening quote to just past its closing one; false when the input ends first. */
  skipString(): boolean {
    this.at += 1;
    const shortEnd = Math.min(this.at + SHORT_STRING, this.chunk.length);
    for (let at = this.at; at < shortEnd; at += 1) {
      const byte = this.chunk[at]!;
      if (byte === BACKSLASH) break;
      if (byte === QUOTE) {
        this.at = at + 1;
        return true;
      }
    }
    // Backslashes ending the chunks before this one, right before the current chunk's first byte.
    let carried = 0;
    for (;;) {
      const found = this.chunk.indexOf(QUOTE, this.at);
      if (found === -1) {
        carried = this.backslashesBefore(this.chunk.length, carried);
        if (!this.nextChunk()) return false;
        continue;
      }
      this.at = found + 1;
      if (this.backslashesBefore(found, carried) % 2 === 0) return true;
    }
  }

  /**
   * Past the value under the cursor. A value larger than `limit` bytes is left mid-way ('large'), so
   * that the caller can reset to its start and split it instead.
   */
  skipValue(limit: number): Skipped {
    const first = this.peek();
    if (first === QUOTE) return this.skipString() ? 'done' : 'end';
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return this.skipScalar();
    const end = this.base + this.at + limit;
    let depth = 0;
    // The chunk, the index and the limit within the chunk in locals: this loop sees every byte
    // outside strings, and short strings (most of them; keys above all) are passed here too.
    let chunk = this.chunk;
    let at = this.at;
    let endInChunk = end - this.base;
    for (;;) {
      if (at >= chunk.length) {
        this.at = at;
        if (!this.nextChunk()) return 'end';
        if (this.base > end) return 'large';
        chunk = this.chunk;
        at = 0;
        endInChunk = end - this.base;
        continue;
      }
      const byte = chunk[at]!;
      if (byte === QUOTE) {
        const stop = Math.min(at + 1 + SHORT_STRING, chunk.length);
        let inside = at + 1;
        while (inside < stop && chunk[inside] !== QUOTE && chunk[inside] !== BACKSLASH) inside += 1;
        if (inside < stop && chunk[inside] === QUOTE) {
          at = inside + 1;
          continue;
        }
        this.at = at;
        if (!this.skipString()) return 'end';
        chunk = this.chunk;
        at = this.at;
        endInChunk = end - this.base;
        if (at > endInChunk) return 'large';
        continue;
      }
      at += 1;
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth += 1;
        if (at > endInChunk) return 'large';
      } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) {
        this.at = at;
        return 'done';
      }
    }
  }

  /** A number, true, false or null: up to the next structural byte or whitespace. */
  private skipScalar(): Skipped {
    for (;;) {
      const byte = this.peek();
      if (byte === -1) return 'end';
      if (byte === 0x2c || byte === CLOSE_BRACKET || byte === CLOSE_BRACE || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return 'done';
      this.at += 1;
    }
  }

  /** How many backslashes come right before `at` in the current chunk, counting on into `carried` when they reach its start. */
  private backslashesBefore(at: number, carried: number): number {
    let back = at - 1;
    while (back >= 0 && this.chunk[back] === BACKSLASH) back -= 1;
    return at - 1 - back + (back < 0 ? carried : 0);
  }

  private nextChunk(): boolean {
    if (this.index + 1 >= this.chunks.length) return false;
    this.base += this.chunk.length;
    this.index += 1;
    this.chunk = this.chunks[this.index]!;
    this.at = 0;
    return true;
  }
}

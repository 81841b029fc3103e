/** How one attempt went, as a concurrency limit learns from it. */
export interface AttemptSignal {
  /** A 429 or 503: the server asked to slow down. */
  readonly refused: boolean;
  /** No answer at all (timeout, reset, refused connection). */
  readonly failed: boolean;
  /** From sending the request to its answer (or failure). */
  readonly latencyMs: number;
  /** On a refusal: how long the server asked to wait (refusals within that window are one signal of congestion). */
  readonly retryAfterMs?: number;
}

/**
 * Limits the requests in flight to one site (a key), whichever connection sends them. Each
 * attempt takes a slot, and gives it back with how it went, so an adaptive gate can grow or shrink.
 */
export interface ConcurrencyGate {
  /** Waits for a slot of `key`; answers the release, to be called once with the attempt's outcome. */
  readonly acquire: (key: string) => Promise<(signal: AttemptSignal) => void>;
}

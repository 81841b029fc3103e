/** New unique identifiers (UUIDs in production). */
export interface IdGenerator {
  readonly next: () => string;
}

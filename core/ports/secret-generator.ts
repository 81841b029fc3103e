/** New random secrets for taskport to hand out (such as an endpoint's signing secret). */
export interface SecretGenerator {
  readonly next: () => string;
}

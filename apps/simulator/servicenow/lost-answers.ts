/**
 * Creates whose answer is lost: the record is inserted (and its business rule runs), then the
 * connection is cut before the 201 is sent, as a timeout between instance and client would do.
 */
export interface LostAnswers {
  /** The next `count` creates (POST) are made and their answers lost. */
  readonly loseNext: (count?: number) => void;
  /** Whether the answer of the create being made now is to be lost (counts it down). */
  readonly take: () => boolean;
  readonly reset: () => void;
}

export const lostAnswers = (): LostAnswers => {
  let pending = 0;
  return {
    loseNext: (count = 1) => {
      pending += count;
    },
    take: () => {
      if (pending === 0) return false;
      pending -= 1;
      return true;
    },
    reset: () => {
      pending = 0;
    },
  };
};

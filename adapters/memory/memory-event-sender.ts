import * as T from 'fp-ts/lib/Task.js';
import type { EventSender, SecretGenerator, SendResult, SignedPost } from '../../core/index.js';

export interface RecordingEventSender extends EventSender {
  /** Every post, in the order sent. */
  readonly posts: SignedPost[];
  /** How the next posts are answered (2xx by default). */
  answerWith: (answer: (post: SignedPost) => SendResult) => void;
}

/** Sends nothing: keeps each post and answers as the test says, for use-case tests. */
export const recordingEventSender = (): RecordingEventSender => {
  const posts: SignedPost[] = [];
  let answer = (_post: SignedPost): SendResult => ({ statusCode: 200, error: null });
  return {
    posts,
    answerWith: (next) => {
      answer = next;
    },
    send: (post) =>
      T.fromIO(() => {
        posts.push(post);
        return answer(post);
      }),
  };
};

/** Recognisable, predictable secrets: `whsec_test_1`, `whsec_test_2`, ... */
export const sequentialSecrets = (): SecretGenerator => {
  let n = 0;
  return { next: () => `whsec_test_${(n += 1)}` };
};

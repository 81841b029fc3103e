/**
 * For the JSON rows of one batch statement: a Date becomes the text `JSON.stringify` would write
 * for it (`toJSON`: its ISO-8601 instant, null when invalid), written once per instant of the batch;
 * any other value is left as it is. A batch's rows share most of their instants (the sync's time in
 * every task and event), and a Date met inside the rows takes `JSON.stringify` off its fast path:
 * 100 task rows measured about twice as fast to stringify this way.
 */
export const instantTexts = (): ((value: unknown) => unknown) => {
  const written = new Map<number, string | null>();
  return (value) => {
    if (!(value instanceof Date)) return value;
    const time = value.getTime();
    let text = written.get(time);
    if (text === undefined) {
      text = value.toJSON();
      written.set(time, text);
    }
    return text;
  };
};

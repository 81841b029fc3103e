/**
 * The embedding product opens the console as `/console/...#token=<jwt>`. A fragment never leaves the
 * browser (no request line, no server log, no Referer), and it is removed from the address at once so
 * that it is not kept in the history or shown on screen. The token then lives in memory only.
 */
export const takeTokenFromFragment = (location: Location, history: History): string | undefined => {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) return undefined;
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`);
  return token.trim() === '' ? undefined : token.trim();
};

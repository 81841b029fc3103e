/**
 * How the OAuth window tells the console what happened. The consent runs in a second window so that
 * the console keeps its in-memory token; the provider sends that window back to /console/oauth/return
 * (JIRA_OAUTH_FRONTEND_URL), which reports the outcome on this same-origin channel and closes.
 */
export const OAUTH_CHANNEL = 'taskport-oauth';

export type OAuthOutcome =
  | { readonly kind: 'connected'; readonly provider: string; readonly connectionId: string }
  | { readonly kind: 'site-selection-required'; readonly provider: string; readonly selectionId: string }
  | { readonly kind: 'error'; readonly provider: string; readonly code: string; readonly reason: string };

/** The outcome in the query of the return address, as the API's callback writes it. */
export const outcomeFromQuery = (query: URLSearchParams): OAuthOutcome | undefined => {
  const provider = query.get('provider') ?? '';
  const connectionId = query.get('connectionId');
  const selectionId = query.get('selectionId');
  switch (query.get('oauth')) {
    case 'connected':
      return connectionId === null ? undefined : { kind: 'connected', provider, connectionId };
    case 'site-selection-required':
      return selectionId === null ? undefined : { kind: 'site-selection-required', provider, selectionId };
    case 'error':
      return { kind: 'error', provider, code: query.get('code') ?? 'integration/oauth-error', reason: query.get('reason') ?? 'The authorization failed' };
    default:
      return undefined;
  }
};

const isOutcome = (value: unknown): value is OAuthOutcome =>
  typeof value === 'object' && value !== null && ['connected', 'site-selection-required', 'error'].includes(String((value as { kind?: unknown }).kind));

/** Listens for outcomes until the returned function is called. */
export const listenForOutcomes = (onOutcome: (outcome: OAuthOutcome) => void): (() => void) => {
  const channel = new BroadcastChannel(OAUTH_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (isOutcome(event.data)) onOutcome(event.data);
  };
  return () => channel.close();
};

export const announceOutcome = (outcome: OAuthOutcome): void => {
  const channel = new BroadcastChannel(OAUTH_CHANNEL);
  channel.postMessage(outcome);
  channel.close();
};

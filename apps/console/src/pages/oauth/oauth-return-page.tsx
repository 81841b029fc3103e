import { useEffect } from 'preact/hooks';
import { Notice } from '../../ui/notice';
import { announceOutcome, outcomeFromQuery } from './oauth-channel';

/** Where the provider's consent window lands: hands the outcome to the console and closes. Needs no token. */
export const OAuthReturnPage = ({ query }: { query: URLSearchParams }) => {
  const outcome = outcomeFromQuery(query);
  useEffect(() => {
    if (outcome === undefined) return;
    announceOutcome(outcome);
    window.setTimeout(() => window.close(), 300);
  }, []);
  return (
    <main class="standalone" id="main">
      <h1>Authorization</h1>
      {outcome === undefined ? <Notice tone="error">This address carries no authorization outcome.</Notice> : null}
      {outcome?.kind === 'error' ? <Notice tone="error">{outcome.reason}</Notice> : null}
      {outcome !== undefined && outcome.kind !== 'error' ? <Notice tone="success">Done. You can close this window and return to the console.</Notice> : null}
    </main>
  );
};

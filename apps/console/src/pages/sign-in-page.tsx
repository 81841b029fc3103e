import { useEffect, useState } from 'preact/hooks';
import { describeFailure } from '../api/api-error';
import { devSignIn, devSignInAvailable } from '../api/dev-sign-in';
import { useSessionState } from '../auth/session';
import { TextField } from '../ui/field';
import { Notice } from '../ui/notice';
import { Page } from '../ui/page';

/**
 * Signing in is handing the console a bearer token. In production the embedding product opens the
 * console with `#token=<jwt>`; a token can also be pasted here. In development a button asks the
 * server for a token of the demo organization.
 */
export const SignInPage = () => {
  const { signIn, endedBecause } = useSessionState();
  const [devAvailable, setDevAvailable] = useState(false);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    void devSignInAvailable().then(setDevAvailable);
  }, []);
  const signInAsDemo = async () => {
    try {
      signIn(await devSignIn());
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };
  return (
    <main class="standalone" id="main">
      <Page title="Sign in to the taskport console">
        {endedBecause === undefined ? null : <Notice tone="info">{endedBecause}</Notice>}
        {error === undefined ? null : <Notice tone="error">{error}</Notice>}
        {devAvailable ? (
          <section class="panel">
            <h2>Development</h2>
            <p>This server runs with its generated development secret, so it can sign you in to the demo organization.</p>
            <button type="button" class="primary" onClick={() => void signInAsDemo()}>
              Sign in to the demo organization
            </button>
          </section>
        ) : null}
        <form
          class="panel form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (pasted.trim() !== '') signIn(pasted.trim());
          }}
        >
          <h2>With a token</h2>
          <p class="muted">Your product normally opens the console with a token. It is kept in this tab's memory only: reloading the page forgets it.</p>
          <TextField id="token" label="Bearer token (JWT)" type="password" autocomplete="off" value={pasted} onValue={setPasted} />
          <button type="submit" disabled={pasted.trim() === ''}>
            Sign in
          </button>
        </form>
      </Page>
    </main>
  );
};

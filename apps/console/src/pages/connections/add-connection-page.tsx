import { useState } from 'preact/hooks';
import type { Provider } from '../../api/provider';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { CredentialsForm } from './credentials-form';
import { OAuthConnect } from './oauth-connect';
import { useProviders } from './use-providers';

const AUTH_MODE_LABELS: Readonly<Record<string, string>> = { 'api-token': 'API token', oauth2: 'Sign in with the provider (OAuth)' };

const ProviderChoice = ({ providers, chosen, onChoose }: { providers: ReadonlyArray<Provider>; chosen: string; onChoose: (name: string) => void }) => (
  <fieldset class="choices">
    <legend>Tracker</legend>
    {providers.map((p) => (
      <label key={p.name} class="choice-card">
        <input type="radio" name="provider" value={p.name} checked={chosen === p.name} onChange={() => onChoose(p.name)} /> {p.displayName}
      </label>
    ))}
  </fieldset>
);

const AuthModeChoice = ({ provider, chosen, onChoose }: { provider: Provider; chosen: string; onChoose: (mode: string) => void }) =>
  provider.authModes.length < 2 ? null : (
    <fieldset class="choices">
      <legend>How to connect</legend>
      {provider.authModes.map((mode) => (
        <label key={mode} class="choice-card">
          <input type="radio" name="auth-mode" value={mode} checked={chosen === mode} onChange={() => onChoose(mode)} /> {AUTH_MODE_LABELS[mode] ?? mode}
        </label>
      ))}
    </fieldset>
  );

const ProviderSetup = ({ provider }: { provider: Provider }) => {
  const [mode, setMode] = useState(provider.authModes[0] ?? 'api-token');
  const oauth = mode === 'oauth2' && provider.oauth.available;
  return (
    <>
      <AuthModeChoice provider={provider} chosen={mode} onChoose={setMode} />
      {mode === 'oauth2' && !provider.oauth.available ? <p class="muted">OAuth is not configured on this server; use another way to connect.</p> : null}
      {oauth ? <OAuthConnect provider={provider} /> : null}
      {mode !== 'oauth2' ? <CredentialsForm key={`${provider.name}-${mode}`} provider={provider} authMode={mode} /> : null}
    </>
  );
};

/** Connect a tracker: the form is built from what `GET /api/providers` says each provider needs. */
export const AddConnectionPage = () => {
  const providers = useProviders();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const list = providers.state === 'ready' ? providers.value : [];
  const provider = list.find((p) => p.name === chosen) ?? (list.length === 1 ? list[0] : undefined);
  return (
    <Page title="Add a connection">
      {providers.state === 'loading' ? <Loading what="the trackers this server can connect" /> : null}
      {providers.state === 'failed' ? <FailureNotice error={providers.error} /> : null}
      {list.length > 1 ? <ProviderChoice providers={list} chosen={provider?.name ?? ''} onChoose={setChosen} /> : null}
      {provider === undefined ? null : <ProviderSetup key={provider.name} provider={provider} />}
    </Page>
  );
};

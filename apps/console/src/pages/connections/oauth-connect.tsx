import { useEffect, useMemo, useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { SiteSelection } from '../../api/oauth';
import type { Provider } from '../../api/provider';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { FormErrors } from '../../ui/form-errors';
import { Notice } from '../../ui/notice';
import { listenForOutcomes, type OAuthOutcome } from '../oauth/oauth-channel';
import { creationBody, initialValues, type FieldValue } from './field-values';
import { ProviderFieldInput } from './provider-field-input';
import { SitePicker } from './site-picker';

/**
 * OAuth connect: the consent page opens in its own window (the console keeps its in-memory token),
 * and its outcome comes back on a same-origin channel: connected, or several sites to choose from.
 */
export const OAuthConnect = ({ provider }: { provider: Provider }) => {
  const { api } = useSession();
  const { navigate } = useNavigation();
  const fields = provider.oauth.startFields;
  const siteIdField = provider.oauth.siteIdField ?? 'id';
  const [values, setValues] = useState(() => initialValues(fields));
  const [error, setError] = useState<unknown>(undefined);
  const [waiting, setWaiting] = useState<string | undefined>(undefined);
  const [selection, setSelection] = useState<SiteSelection | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const onOutcome = useMemo(
    () => async (outcome: OAuthOutcome) => {
      setWaiting(undefined);
      if (outcome.kind === 'connected') return navigate({ name: 'connection', id: outcome.connectionId, tab: 'overview' });
      if (outcome.kind === 'error') return setError(new Error(`${outcome.reason} (${outcome.code})`));
      try {
        setSelection(await api.providers.siteSelection(provider.name, outcome.selectionId));
      } catch (failure) {
        setError(failure);
      }
    },
    [api, provider.name],
  );
  useEffect(() => listenForOutcomes((outcome) => void onOutcome(outcome)), [onOutcome]);
  const start = async () => {
    // Opened during the click, so no popup blocker stops it; pointed at the consent page once the API answers.
    const consent = window.open('', 'taskport-oauth', 'popup,width=640,height=760');
    setError(undefined);
    try {
      const { authorizationUrl } = await api.providers.startOAuth(provider.name, creationBody(fields, values));
      if (consent !== null) consent.location.href = authorizationUrl;
      setWaiting(consent === null ? authorizationUrl : '');
    } catch (failure) {
      consent?.close();
      setError(failure);
    }
  };
  const pick = async (id: string) => {
    if (selection === undefined) return;
    setBusy(true);
    try {
      const connection = await api.providers.selectSite(provider.name, selection.selectionId, { field: siteIdField, id });
      navigate({ name: 'connection', id: connection.id, tab: 'overview' });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  if (selection !== undefined) return <SitePicker selection={selection} siteIdField={siteIdField} onPick={(id) => void pick(id)} busy={busy} />;
  return (
    <div class="panel form">
      <FormErrors error={error} />
      {fields.map((field) => (
        <ProviderFieldInput key={field.name} idPrefix="oauth" field={field} value={values[field.name]} onValue={(v: FieldValue) => setValues({ ...values, [field.name]: v })} error={issueAt(error, field.name)} />
      ))}
      <button type="button" class="primary" onClick={() => void start()}>
        Continue to {provider.displayName}
      </button>
      {waiting === undefined ? null : (
        <Notice tone="info">
          Waiting for the consent in the other window…{' '}
          {waiting === '' ? null : (
            <a href={waiting} target="_blank" rel="noreferrer">
              Open the consent page
            </a>
          )}
        </Notice>
      )}
    </div>
  );
};

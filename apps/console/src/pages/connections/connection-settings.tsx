import type { Connection } from '../../api/connection';
import { FailureNotice, Loading, Notice } from '../../ui/notice';
import { EditConnectionForm } from './edit-connection-form';
import { SecretsPanel } from './secrets-panel';
import { useProviders } from './use-providers';

/** Settings built from the provider's fields, and the secrets (rotate only, never shown). */
export const ConnectionSettings = ({ connection, onChanged }: { connection: Connection; onChanged: (c: Connection) => void }) => {
  const providers = useProviders();
  if (providers.state === 'loading') return <Loading what="the provider's fields" />;
  const provider = providers.state === 'ready' ? providers.value.find((p) => p.name === connection.provider) : undefined;
  return (
    <>
      {providers.state === 'failed' ? (
        <>
          <FailureNotice error={providers.error} />
          <Notice tone="info">Without the provider's description only the name and the secrets can be changed here.</Notice>
        </>
      ) : null}
      <EditConnectionForm connection={connection} provider={provider} onChanged={onChanged} />
      <SecretsPanel connection={connection} provider={provider} onChanged={onChanged} />
    </>
  );
};

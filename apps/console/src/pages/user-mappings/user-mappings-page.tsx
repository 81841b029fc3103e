import { useState } from 'preact/hooks';
import type { UserMapping } from '../../api/user-mapping';
import { useSession } from '../../auth/session';
import { SourceBadge } from '../../ui/badges';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { FailureNotice, Loading } from '../../ui/notice';
import { Page } from '../../ui/page';
import { useResource } from '../../ui/use-resource';
import { UserMappingForm } from './user-mapping-form';

/** External people and the product's resources they are: tasks assigned to them get that resource. */
export const UserMappingsPage = () => {
  const { api } = useSession();
  const { resource, reload } = useResource(() => api.userMappings.list(), [api]);
  const [deleting, setDeleting] = useState<UserMapping | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const remove = async () => {
    if (deleting === undefined) return;
    setError(undefined);
    try {
      await api.userMappings.remove(deleting.id);
    } catch (failure) {
      setError(failure);
    }
    setDeleting(undefined);
    await reload();
  };
  return (
    <Page title="User mappings">
      <p class="muted">A task assigned to a mapped e-mail (or tracker user id) is linked to the internal resource at its next sync.</p>
      {error === undefined ? null : <FailureNotice error={error} />}
      {resource.state === 'loading' ? <Loading what="user mappings" /> : null}
      {resource.state === 'failed' ? <FailureNotice error={resource.error} /> : null}
      {resource.state === 'ready' && resource.value.length === 0 ? <p>No user is mapped yet.</p> : null}
      {resource.state === 'ready' && resource.value.length > 0 ? (
        <table class="table responsive" aria-label="User mappings">
          <thead>
            <tr>
              <th scope="col">Tracker</th>
              <th scope="col">External e-mail</th>
              <th scope="col">Tracker user id</th>
              <th scope="col">Internal resource</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {resource.value.map((m) => (
              <tr key={m.id}>
                <td data-label="Tracker">
                  <SourceBadge source={m.externalSystem} />
                </td>
                <td data-label="E-mail" class="wrap">{m.externalEmail}</td>
                <td data-label="User id" class="wrap">{m.externalUserId ?? '—'}</td>
                <td data-label="Resource" class="mono wrap">{m.resourceId}</td>
                <td>
                  <button type="button" class="link danger" onClick={() => setDeleting(m)} aria-label={`Delete the mapping of ${m.externalEmail}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <UserMappingForm onCreated={() => void reload()} />
      <ConfirmDialog open={deleting !== undefined} title="Delete this user mapping?" confirmLabel="Delete the mapping" onConfirm={() => void remove()} onCancel={() => setDeleting(undefined)}>
        <p>{deleting?.externalEmail} will no longer be linked to a resource in tasks synced from now on.</p>
      </ConfirmDialog>
    </Page>
  );
};

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Connection } from '../../api/connection';
import { UNIFIED_PRIORITIES, UNIFIED_STATUSES, type RemapReport } from '../../api/mappings';
import { useSession } from '../../auth/session';
import { FormErrors, useFocusFirstInvalid } from '../../ui/form-errors';
import { FailureNotice, Loading, Notice } from '../../ui/notice';
import { useResource } from '../../ui/use-resource';
import { exactDuplicates, toMappings, toRows, type MappingRows } from './mapping-rows';
import { ProjectTableEditor } from './project-table';
import { RuleTableEditor } from './rule-table';

const Editor = ({ connection, initial }: { connection: Connection; initial: MappingRows }) => {
  const { api } = useSession();
  const [rows, setRows] = useState(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<RemapReport | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  useEffect(() => setRows(initial), [initial]);
  const blocked = exactDuplicates(rows.status).size + exactDuplicates(rows.priority).size > 0;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(null);
    try {
      const { mappings, remap } = await api.connections.replaceMappings(connection.id, toMappings(rows));
      setRows(toRows(mappings));
      setSaved(remap);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="form" noValidate onSubmit={submit} aria-label="Mappings">
      <p class="muted">
        Keys match the tracker's values without regard to case; a status rule may also name a status category as <code>category:&lt;key&gt;</code>. Saving applies the rules to the
        tasks already stored at once, from the values the tracker gave them, and to every task synced from then on.
      </p>
      <FormErrors error={error} />
      <RuleTableEditor table="status" title="Status" keyLabel="Tracker status" choices={UNIFIED_STATUSES} rows={rows.status} onRows={(status) => setRows({ ...rows, status })} error={error} />
      <RuleTableEditor table="priority" title="Priority" keyLabel="Tracker priority" choices={UNIFIED_PRIORITIES} rows={rows.priority} onRows={(priority) => setRows({ ...rows, priority })} error={error} />
      <ProjectTableEditor rows={rows.projects} onRows={(projects) => setRows({ ...rows, projects })} error={error} />
      <div class="row sticky-actions">
        <button type="submit" class="primary" disabled={busy || blocked}>
          Save mappings
        </button>
        {saved === null ? null : (
          <Notice tone="success">
            Mappings saved. {saved.tasksRemapped} of {saved.tasksExamined} stored tasks changed.
          </Notice>
        )}
      </div>
    </form>
  );
};

/** Status, priority and project mappings of a connection. */
export const MappingsEditor = ({ connection }: { connection: Connection }) => {
  const { api } = useSession();
  const { resource } = useResource(() => api.connections.mappings(connection.id).then(toRows), [api, connection.id]);
  if (resource.state === 'loading') return <Loading what="mappings" />;
  if (resource.state === 'failed') return <FailureNotice error={resource.error} />;
  return <Editor connection={connection} initial={resource.value} />;
};

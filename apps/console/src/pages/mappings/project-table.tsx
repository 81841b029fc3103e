import { issueAt } from '../../api/api-error';
import { TextField } from '../../ui/field';
import { newId, type ProjectRow } from './mapping-rows';

/** The product's project each tracker project belongs to; which projects are synced is the connection's project scope. */
export const ProjectTableEditor = ({ rows, onRows, error }: { rows: ReadonlyArray<ProjectRow>; onRows: (rows: ReadonlyArray<ProjectRow>) => void; error: unknown }) => {
  const update = (id: number, change: Partial<ProjectRow>) => onRows(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <fieldset class="panel rules">
      <legend>Projects</legend>
      <p class="muted">The product's project each tracker project belongs to. These never limit what is synced: the connection's project scope does.</p>
      <ul class="rule-list">
        {rows.map((row, index) => (
          <li key={row.id} class="rule">
            <TextField id={`project-${row.id}-key`} label={`Project key ${index + 1}`} value={row.projectKey} onValue={(v) => update(row.id, { projectKey: v })} error={issueAt(error, `projects.${index}.projectKey`)} />
            <TextField
              id={`project-${row.id}-internal`}
              label="Internal project id"
              value={row.internalProjectId}
              onValue={(v) => update(row.id, { internalProjectId: v })}
              error={issueAt(error, `projects.${index}.internalProjectId`)}
            />
            <button type="button" class="link" onClick={() => onRows(rows.filter((r) => r.id !== row.id))} aria-label={`Remove project ${row.projectKey || index + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onRows([...rows, { id: newId(), projectKey: '', internalProjectId: '' }])}>
        Add a project
      </button>
    </fieldset>
  );
};

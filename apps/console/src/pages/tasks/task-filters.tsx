import { useState } from 'preact/hooks';
import { UNIFIED_STATUSES } from '../../api/mappings';
import type { TaskFilters } from '../../api/task';
import { sourceName } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/field';

const SOURCES = ['jira', 'servicenow', 'connectwise'];
const any = { value: '', label: 'Any' };

interface Props {
  readonly filters: TaskFilters;
  readonly onApply: (filters: TaskFilters) => void;
  readonly issueAt: (field: string) => string | undefined;
}

/** On a narrow screen the filters start folded, so the tasks are on the first screen; set filters keep them open. */
const startsOpen = (filters: TaskFilters): boolean => Object.keys(filters).length > 0 || window.matchMedia('(min-width: 761px)').matches;

/** Source, status, assignee, project and updated-since, applied together (they become the address). */
export const TaskFiltersForm = ({ filters, onApply, issueAt }: Props) => {
  const [draft, setDraft] = useState<TaskFilters>(filters);
  const set = (name: keyof TaskFilters) => (value: string) => setDraft({ ...draft, [name]: value });
  const active = Object.values(filters).filter((v) => v !== undefined && v !== '').length;
  return (
    <details class="filters-box" open={startsOpen(filters)}>
      <summary>Filters{active === 0 ? '' : ` (${active} set)`}</summary>
      <form
        class="filters"
        noValidate
        role="search"
        aria-label="Filter tasks"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(draft);
        }}
      >
        <SelectField id="filter-source" label="Source" value={draft.source ?? ''} options={[any, ...SOURCES.map((s) => ({ value: s, label: sourceName(s) }))]} onValue={set('source')} />
        <SelectField id="filter-status" label="Status" value={draft.status ?? ''} options={[any, ...UNIFIED_STATUSES.map((s) => ({ value: s, label: s.replace(/_/g, ' ') }))]} onValue={set('status')} />
        <TextField id="filter-assignee" label="Assignee e-mail" type="email" value={draft.assignee ?? ''} onValue={set('assignee')} error={issueAt('assignee')} />
        <TextField id="filter-project" label="Project / board" value={draft.projectKey ?? ''} onValue={set('projectKey')} error={issueAt('projectKey')} />
        <TextField id="filter-updated" label="Updated since" type="date" value={draft.updatedSince ?? ''} onValue={set('updatedSince')} error={issueAt('updatedSince')} />
        <div class="filter-actions">
          <button type="submit" class="primary">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            Clear
          </button>
        </div>
      </form>
    </details>
  );
};

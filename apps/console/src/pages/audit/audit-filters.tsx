import { useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type AuditFilters } from '../../api/audit';
import { SelectField, TextField } from '../../ui/field';
import { fromLocalInput, toLocalInput } from './local-instant';

interface Draft {
  readonly action: string;
  readonly targetId: string;
  readonly actor: string;
  readonly since: string;
  readonly until: string;
}

const draftOf = (filters: AuditFilters): Draft => ({
  action: filters.action ?? '',
  targetId: filters.targetId ?? '',
  actor: filters.actor ?? '',
  since: toLocalInput(filters.since),
  until: toLocalInput(filters.until),
});

const filtersOf = (draft: Draft): AuditFilters => {
  const entries: Array<[keyof AuditFilters, string | undefined]> = [
    ['action', draft.action],
    ['targetId', draft.targetId.trim()],
    ['actor', draft.actor.trim()],
    ['since', fromLocalInput(draft.since)],
    ['until', fromLocalInput(draft.until)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ''));
};

interface Props {
  readonly filters: AuditFilters;
  readonly onApply: (filters: AuditFilters) => void;
  readonly issueAt: (field: string) => string | undefined;
}

/** On a narrow screen the filters start folded, so the entries are on the first screen; set filters keep them open. */
const startsOpen = (filters: AuditFilters): boolean => Object.keys(filters).length > 0 || window.matchMedia('(min-width: 761px)').matches;

/** Action, record, actor and a time window, applied together (they become the address). */
export const AuditFiltersForm = ({ filters, onApply, issueAt }: Props) => {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const set = (name: keyof Draft) => (value: string) => setDraft({ ...draft, [name]: value });
  const active = Object.keys(filters).length;
  return (
    <details class="filters-box" open={startsOpen(filters)}>
      <summary>Filters{active === 0 ? '' : ` (${active} set)`}</summary>
      <form
        class="filters audit-filters"
        noValidate
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          onApply(filtersOf(draft));
        }}
      >
        <SelectField id="audit-action" label="Action" value={draft.action} options={[{ value: '', label: 'Any' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]} onValue={set('action')} error={issueAt('action')} />
        <TextField id="audit-target" label="Record id" value={draft.targetId} onValue={set('targetId')} error={issueAt('targetId')} spellcheck={false} />
        <TextField id="audit-actor" label="Who (token subject or system:…)" value={draft.actor} onValue={set('actor')} error={issueAt('actor')} spellcheck={false} />
        <TextField id="audit-since" label="From" type="datetime-local" value={draft.since} onValue={set('since')} error={issueAt('since')} />
        <TextField id="audit-until" label="Before" type="datetime-local" value={draft.until} onValue={set('until')} error={issueAt('until')} />
        <div class="filter-actions">
          <button type="submit" class="primary">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf({}));
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

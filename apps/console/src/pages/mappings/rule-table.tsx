import { issueAt } from '../../api/api-error';
import { describedBy } from '../../ui/field';
import { exactDuplicates, isDefaultKey, newId, ruleIssuePath, type RuleRow, type RuleTable } from './mapping-rows';

interface Props {
  readonly table: RuleTable;
  readonly title: string;
  readonly keyLabel: string;
  readonly choices: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<RuleRow>;
  readonly onRows: (rows: ReadonlyArray<RuleRow>) => void;
  readonly error: unknown;
}

/** One table of rules (tracker value → unified value); the default stays and is marked. */
export const RuleTableEditor = ({ table, title, keyLabel, choices, rows, onRows, error }: Props) => {
  const duplicates = exactDuplicates(rows);
  const update = (id: number, change: Partial<RuleRow>) => onRows(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  const tableIssue = issueAt(error, `${table}.default`) ?? issueAt(error, table);
  return (
    <fieldset class="panel rules">
      <legend>{title}</legend>
      {tableIssue === undefined ? null : <p class="field-error">{tableIssue}</p>}
      <ul class="rule-list">
        {rows.map((row, index) => {
          const id = `${table}-${row.id}`;
          const isDefault = isDefaultKey(row.key);
          const path = ruleIssuePath(table, rows, row);
          const problem = (path === undefined ? undefined : issueAt(error, path)) ?? (duplicates.has(row.id) ? 'appears twice: keep one' : undefined);
          return (
            <li key={row.id} class="rule">
              <div class={`field${problem === undefined ? '' : ' field-invalid'}`}>
                <label for={`${id}-key`}>{`${keyLabel} ${index + 1}`}</label>
                <input
                  id={`${id}-key`}
                  value={row.key}
                  readOnly={isDefault}
                  onInput={(e) => update(row.id, { key: e.currentTarget.value })}
                  aria-invalid={problem === undefined ? undefined : true}
                  aria-describedby={describedBy(id, problem, isDefault ? 'default' : undefined)}
                />
              </div>
              <div class="field">
                <label for={`${id}-value`}>
                  <span class="visually-hidden">{`${keyLabel} ${index + 1} `}</span>maps to
                </label>
                <select id={`${id}-value`} value={row.value} onChange={(e) => update(row.id, { value: e.currentTarget.value })}>
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {c.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
              </div>
              {isDefault ? (
                <p class="badge default-rule" id={`${id}-help`}>
                  default: applies to any other value; cannot be removed
                </p>
              ) : (
                <button type="button" class="link" onClick={() => onRows(rows.filter((r) => r.id !== row.id))} aria-label={`Remove the rule for ${row.key || 'an empty key'}`}>
                  Remove
                </button>
              )}
              {problem === undefined ? null : (
                <p class="field-error" id={`${id}-error`}>
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onRows([...rows.filter((r) => !isDefaultKey(r.key)), { id: newId(), key: '', value: choices[0] ?? '' }, ...rows.filter((r) => isDefaultKey(r.key))])}>
        Add a {table} rule
      </button>
    </fieldset>
  );
};

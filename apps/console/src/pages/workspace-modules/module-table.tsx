import type { WorkspaceModule } from '../../api/workspace-module';
import { sourceName, StatusBadge } from '../../ui/badges';
import { Time } from '../../ui/time';

/** What a module's switch governs, for the person switching it. */
const purposeOf = (key: string): string => {
  if (key === 'integrations') return 'Connections to trackers, whatever the provider';
  if (key === 'external-tasks') return 'The unified task list of the workspace';
  if (key.startsWith('integrations.')) return `${sourceName(key.slice('integrations.'.length))} connections`;
  return '';
};

const inputId = (key: string): string => `module-${key.replace(/[^a-z0-9-]/gi, '-')}`;

interface Props {
  readonly modules: ReadonlyArray<WorkspaceModule>;
  /** The module whose switch is being saved: its switch waits for the answer. */
  readonly saving: string | undefined;
  readonly onSwitch: (module: WorkspaceModule, enabled: boolean) => void;
}

/** The catalog with each module's state for the workspace, and a switch per module. */
export const ModuleTable = ({ modules, saving, onSwitch }: Props) => (
  <table class="table responsive modules" aria-label="Modules">
    <thead>
      <tr>
        <th scope="col">Module</th>
        <th scope="col">State</th>
        <th scope="col">Default</th>
        <th scope="col">Last switched</th>
      </tr>
    </thead>
    <tbody>
      {modules.map((module) => {
        const id = inputId(module.key);
        return (
          <tr key={module.key}>
            <td data-label="Module">
              <div class="switch-field">
                <input
                  id={id}
                  type="checkbox"
                  role="switch"
                  checked={module.enabled}
                  disabled={saving !== undefined}
                  aria-busy={saving === module.key}
                  aria-describedby={`${id}-purpose`}
                  onChange={(e) => onSwitch(module, e.currentTarget.checked)}
                />
                <label for={id} class="mono">
                  {module.key}
                </label>
              </div>
              <p class="field-help" id={`${id}-purpose`}>
                {purposeOf(module.key)}
              </p>
            </td>
            <td data-label="State">
              <StatusBadge status={module.enabled ? 'enabled' : 'disabled'} label={module.enabled ? 'on' : 'off'} />
            </td>
            <td data-label="Default">{module.defaultEnabled ? 'on' : 'off'}</td>
            <td data-label="Switched">
              <Time iso={module.updatedAt} empty="never (default)" />
            </td>
          </tr>
        );
      })}
    </tbody>
  </table>
);

import { useRef, useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { WorkspaceModule } from '../../api/workspace-module';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { TextField } from '../../ui/field';
import { useFocusFirstInvalid } from '../../ui/form-errors';
import { FailureNotice, Loading, Notice } from '../../ui/notice';
import { Page } from '../../ui/page';
import { useResource } from '../../ui/use-resource';
import { ModuleTable } from './module-table';

/** The workspace to look at: the product's own id for it, kept in the address. */
const WorkspaceForm = ({ workspaceId, error }: { workspaceId: string | undefined; error: string | undefined }) => {
  const { navigate } = useNavigation();
  const [draft, setDraft] = useState(workspaceId ?? '');
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  return (
    <form
      ref={form}
      class="filters"
      noValidate
      aria-label="Workspace"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim() !== '') navigate({ name: 'workspace-modules', workspaceId: draft.trim() });
      }}
    >
      <TextField id="workspace-id" label="Workspace id" value={draft} onValue={setDraft} error={error} help="Your product's id for the workspace, such as ws_42." spellcheck={false} />
      <div class="filter-actions">
        <button type="submit" class="primary">
          Show its modules
        </button>
      </div>
    </form>
  );
};

interface ModulesProps {
  readonly workspaceId: string;
  readonly modules: ReadonlyArray<WorkspaceModule>;
  readonly onModules: (modules: ReadonlyArray<WorkspaceModule>) => void;
}

const Modules = ({ workspaceId, modules, onModules }: ModulesProps) => {
  const { api } = useSession();
  const [saving, setSaving] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<{ switched?: WorkspaceModule; error?: unknown }>({});
  const switchModule = async (module: WorkspaceModule, enabled: boolean) => {
    setSaving(module.key);
    setOutcome({});
    try {
      const switched = await api.workspaces.switchModule(workspaceId, module.key, enabled);
      onModules(modules.map((m) => (m.key === switched.key ? switched : m)));
      setOutcome({ switched });
    } catch (error) {
      // The switch shows the stored state again, and the reason is announced.
      setOutcome({ error });
    } finally {
      setSaving(undefined);
    }
  };
  return (
    <>
      <ModuleTable modules={modules} saving={saving} onSwitch={(module, enabled) => void switchModule(module, enabled)} />
      {outcome.switched === undefined ? null : (
        <Notice tone="success">
          {outcome.switched.key} is {outcome.switched.enabled ? 'on' : 'off'} for {workspaceId}.
        </Notice>
      )}
      {outcome.error === undefined ? null : <FailureNotice error={outcome.error} />}
    </>
  );
};

/**
 * taskport's modules for one workspace of the embedding product: every module is on until the
 * workspace switches it off, and each switch stands alone. The product's own settings of a module
 * (`config`) are kept as they are.
 */
export const WorkspaceModulesPage = ({ workspaceId }: { workspaceId: string | undefined }) => {
  const { api } = useSession();
  // The id is checked by the API only: its refusal is shown at the field.
  const { resource, replace } = useResource<ReadonlyArray<WorkspaceModule>>(() => (workspaceId === undefined ? Promise.resolve([]) : api.workspaces.modules(workspaceId)), [api, workspaceId]);
  const fieldError = resource.state === 'failed' ? issueAt(resource.error, 'workspaceId') : undefined;
  return (
    <Page title="Workspace modules">
      <p class="muted">Which of taskport's modules a workspace of your product has on. Every module is on until the workspace switches it off; each switch stands alone.</p>
      <WorkspaceForm workspaceId={workspaceId} error={fieldError} />
      {workspaceId !== undefined && resource.state === 'loading' ? <Loading what="modules" /> : null}
      {resource.state === 'failed' && fieldError === undefined ? <FailureNotice error={resource.error} /> : null}
      {workspaceId !== undefined && resource.state === 'ready' ? <Modules workspaceId={workspaceId} modules={resource.value} onModules={replace} /> : null}
    </Page>
  );
};

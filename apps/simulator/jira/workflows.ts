import { ISSUE_TYPES, statusById, STATUSES, type Status } from './catalog.js';

/** One transition of a workflow: its id (unique within the workflow), its name, where it may start and where it leads. */
export interface WorkflowTransition {
  readonly id: string;
  readonly name: string;
  /** The status ids it is available from; `any` for a global transition. */
  readonly from: ReadonlyArray<string> | 'any';
  readonly to: string;
}

const TODO = '10000';
const IN_PROGRESS = '3';
const IN_REVIEW = '10001';
const DONE = '10002';

/** Jira's simplified workflow: every status reachable from every other (global transitions). */
const SIMPLIFIED: ReadonlyArray<WorkflowTransition> = STATUSES.map((s) => ({ id: s.transitionId, name: s.transitionName, from: 'any', to: s.id }));

/**
 * A bug must be reviewed before it is done, and a done bug can only be reopened: so what a
 * status can reach depends on the issue's type, as it does on a real site with several workflows.
 */
const BUG: ReadonlyArray<WorkflowTransition> = [
  { id: '21', name: 'Start Progress', from: [TODO], to: IN_PROGRESS },
  { id: '41', name: "Won't Fix", from: [TODO], to: DONE },
  { id: '31', name: 'Request Review', from: [TODO, IN_PROGRESS], to: IN_REVIEW },
  { id: '11', name: 'Stop Progress', from: [IN_PROGRESS], to: TODO },
  { id: '51', name: 'Approve', from: [IN_REVIEW], to: DONE },
  { id: '61', name: 'Request Changes', from: [IN_REVIEW], to: IN_PROGRESS },
  { id: '71', name: 'Reopen', from: [DONE], to: TODO },
];

const BUG_TYPE = ISSUE_TYPES.find((t) => t.name === 'Bug')?.id;

/** The workflow of an issue type: the scheme of the simulated site. */
export const workflowOf = (issueTypeId: string): ReadonlyArray<WorkflowTransition> => (issueTypeId === BUG_TYPE ? BUG : SIMPLIFIED);

/** The transitions an issue in `statusId` of this type can take now, with the status each leads to. */
export const availableTransitions = (issueTypeId: string, statusId: string): ReadonlyArray<{ readonly transition: WorkflowTransition; readonly to: Status }> =>
  workflowOf(issueTypeId)
    .filter((t) => t.to !== statusId && (t.from === 'any' || t.from.includes(statusId)))
    .map((transition) => ({ transition, to: statusById(transition.to) }));

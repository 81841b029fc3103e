import { seededRandom } from '../jira/prng.js';

export type Kind = 'service' | 'project';

interface Ref {
  readonly id: number;
  readonly name: string;
}
export interface Board extends Ref {
  readonly projectFlag: boolean;
  readonly statuses: ReadonlyArray<{ readonly id: number; readonly name: string; readonly closedStatus: boolean; readonly defaultFlag: boolean; readonly sortOrder: number }>;
}
export interface Member {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
  readonly primaryEmail: string;
}
export interface Company {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
}
export interface Project extends Ref {
  readonly boardId: number;
  readonly phases: ReadonlyArray<Ref>;
}
export interface Priority extends Ref {
  readonly sort: number;
}

/** A ticket as the simulator keeps it; `render` gives the API's shape. */
export interface SimTicket {
  readonly kind: Kind;
  readonly id: number;
  summary: string;
  boardId: number;
  statusId: number;
  companyId: number;
  ownerId: number | null;
  resources: ReadonlyArray<string>;
  priorityId: number;
  requiredDate: string | null;
  closedFlag: boolean;
  closedDate: string | null;
  projectId: number | null;
  phaseId: number | null;
  /** A reference another system keeps on the ticket (searchable: writers put their marker here). */
  externalXRef: string | null;
  dateEntered: string;
  lastUpdated: string;
}

export interface SeedOptions {
  readonly serviceTickets: number;
  readonly projectTickets: number;
  readonly seed: number;
  /** The newest seeded update; history spans `spanDays` before it. */
  readonly anchor: Date;
  readonly spanDays: number;
}

const statuses = (base: number) => [
  { id: base + 1, name: 'New', closedStatus: false, defaultFlag: true, sortOrder: 0 },
  { id: base + 2, name: 'In Progress', closedStatus: false, defaultFlag: false, sortOrder: 1 },
  { id: base + 3, name: 'Waiting on Customer', closedStatus: false, defaultFlag: false, sortOrder: 2 },
  { id: base + 4, name: '>Closed', closedStatus: true, defaultFlag: false, sortOrder: 3 },
];

export const BOARDS: ReadonlyArray<Board> = [
  { id: 1, name: 'Help Desk', projectFlag: false, statuses: statuses(100) },
  { id: 2, name: 'Network Security', projectFlag: false, statuses: statuses(200) },
  { id: 3, name: 'Professional Services', projectFlag: true, statuses: statuses(300) },
];
export const PRIORITIES: ReadonlyArray<Priority> = [
  { id: 15, name: 'Priority 1 - Emergency Response', sort: 1 },
  { id: 8, name: 'Priority 2 - Quick Response', sort: 2 },
  { id: 4, name: 'Priority 3 - Normal Response', sort: 3 },
  { id: 12, name: 'Priority 5 - Service Request', sort: 5 },
];
export const MEMBERS: ReadonlyArray<Member> = [
  { id: 244, identifier: 'jdoe', name: 'Jane Doe', primaryEmail: 'jane.doe@msp.test' },
  { id: 245, identifier: 'bsmith', name: 'Bob Smith', primaryEmail: 'bob.smith@msp.test' },
  { id: 246, identifier: 'alee', name: 'Ann Lee', primaryEmail: 'ann.lee@msp.test' },
];
export const COMPANIES: ReadonlyArray<Company> = [
  { id: 19298, identifier: 'ACME', name: 'Acme Corporation' },
  { id: 19299, identifier: 'Globex', name: 'Globex Inc.' },
];
/** The site's own company (its identifier is the company id the API member logs in with); seeded tickets never use it. */
export const OWN_COMPANY: Company = { id: 19250, identifier: 'taskport', name: 'Taskport MSP' };
export const companyById = (id: number): Company | undefined => [...COMPANIES, OWN_COMPANY].find((c) => c.id === id);
export const PROJECTS: ReadonlyArray<Project> = [
  { id: 501, name: 'Office Move', boardId: 3, phases: [{ id: 901, name: 'Planning' }, { id: 902, name: 'Cutover' }] },
  { id: 502, name: 'Firewall Refresh', boardId: 3, phases: [{ id: 903, name: 'Design' }, { id: 904, name: 'Rollout' }] },
  { id: 503, name: 'Backup Rollout', boardId: 3, phases: [{ id: 905, name: 'Pilot' }] },
];

const seconds = (at: number) => `${new Date(at).toISOString().slice(0, 19)}Z`;

/** Deterministic tickets: same options, same site. Service tickets first, then project tickets. */
export const seedTickets = (options: SeedOptions): SimTicket[] => {
  const random = seededRandom(options.seed);
  const span = options.spanDays * 86_400_000;
  const make = (kind: Kind, id: number): SimTicket => {
    const project = kind === 'project' ? random.pick(PROJECTS) : null;
    const board = project === null ? random.pick(BOARDS.filter((b) => !b.projectFlag)) : BOARDS.find((b) => b.id === project.boardId)!;
    const status = random.pick(board.statuses);
    const updated = options.anchor.getTime() - random.int(0, span);
    const owner = random.chance(0.8) ? random.pick(MEMBERS) : null;
    return {
      kind,
      id,
      summary: `${kind === 'project' ? 'Project task' : 'Ticket'} ${id}`,
      boardId: board.id,
      statusId: status.id,
      companyId: random.pick(COMPANIES).id,
      ownerId: owner?.id ?? null,
      resources: owner === null ? [] : [owner.identifier, ...(random.chance(0.3) ? [random.pick(MEMBERS).identifier] : [])],
      priorityId: random.pick(PRIORITIES).id,
      requiredDate: random.chance(0.5) ? `${new Date(updated + 14 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z` : null,
      closedFlag: status.closedStatus,
      closedDate: status.closedStatus ? seconds(updated) : null,
      projectId: project?.id ?? null,
      phaseId: project === null ? null : random.pick(project.phases).id,
      externalXRef: null,
      dateEntered: seconds(updated - random.int(0, 30) * 86_400_000),
      lastUpdated: seconds(updated),
    };
  };
  const service = Array.from({ length: options.serviceTickets }, (_, i) => make('service', 1000 + i));
  const project = Array.from({ length: options.projectTickets }, (_, i) => make('project', 1000 + options.serviceTickets + i));
  return [...service, ...project];
};

const reference = (id: number, name: string, extra: Record<string, unknown> = {}) => ({ id, name, ...extra, _info: {} });

/** A ticket as `/service/tickets` or `/project/tickets` renders it. */
export const render = (ticket: SimTicket): Record<string, unknown> => {
  const board = BOARDS.find((b) => b.id === ticket.boardId)!;
  const status = board.statuses.find((s) => s.id === ticket.statusId)!;
  const company = companyById(ticket.companyId)!;
  const owner = MEMBERS.find((m) => m.id === ticket.ownerId);
  const priority = PRIORITIES.find((p) => p.id === ticket.priorityId)!;
  const project = PROJECTS.find((p) => p.id === ticket.projectId);
  const phase = project?.phases.find((p) => p.id === ticket.phaseId);
  return {
    id: ticket.id,
    summary: ticket.summary,
    recordType: ticket.kind === 'project' ? 'ProjectTicket' : 'ServiceTicket',
    board: reference(board.id, board.name),
    status: reference(status.id, status.name),
    company: { id: company.id, identifier: company.identifier, name: company.name, _info: {} },
    ...(owner === undefined ? {} : { owner: { id: owner.id, identifier: owner.identifier, name: owner.name, _info: {} } }),
    priority: reference(priority.id, priority.name, { sort: priority.sort }),
    severity: 'Medium',
    impact: 'Medium',
    resources: ticket.resources.join(', '),
    ...(ticket.requiredDate === null ? {} : { requiredDate: ticket.requiredDate }),
    closedFlag: ticket.closedFlag,
    ...(ticket.closedDate === null ? {} : { closedDate: ticket.closedDate }),
    ...(project === undefined ? {} : { project: reference(project.id, project.name) }),
    ...(phase === undefined ? {} : { phase: reference(phase.id, phase.name) }),
    ...(ticket.externalXRef === null ? {} : { externalXRef: ticket.externalXRef }),
    _info: { lastUpdated: ticket.lastUpdated, dateEntered: ticket.dateEntered, updatedBy: 'simulator' },
  };
};

/** The first path segments a ticket's conditions may name (the rendered fields and ConnectWise's aliases). */
export const TICKET_FIELDS = new Set(
  ['id', 'summary', 'recordType', 'board', 'status', 'company', 'owner', 'priority', 'severity', 'impact', 'resources', 'requiredDate', 'closedFlag', 'closedDate', 'project', 'phase', 'externalXRef', '_info', 'lastUpdated', 'dateEntered'].map((f) => f.toLowerCase()),
);

export interface TicketStore {
  readonly all: (kind: Kind) => ReadonlyArray<SimTicket>;
  readonly find: (kind: Kind, id: number) => SimTicket | undefined;
  /** Applies a change and stamps the update time (one second later than before, at least). */
  readonly edit: (kind: Kind, id: number, change: (ticket: SimTicket) => void) => SimTicket | undefined;
  readonly remove: (kind: Kind, id: number) => boolean;
  /** Adds a ticket with the next id of the site, entered and updated now. */
  readonly add: (ticket: Omit<SimTicket, 'id' | 'dateEntered' | 'lastUpdated'>) => SimTicket;
  readonly size: () => number;
}

export const ticketStore = (tickets: SimTicket[], now: () => number): TicketStore => {
  const byKey = new Map(tickets.map((t) => [`${t.kind}:${t.id}`, t]));
  return {
    all: (kind) => [...byKey.values()].filter((t) => t.kind === kind),
    find: (kind, id) => byKey.get(`${kind}:${id}`),
    edit: (kind, id, change) => {
      const ticket = byKey.get(`${kind}:${id}`);
      if (ticket === undefined) return undefined;
      change(ticket);
      ticket.lastUpdated = seconds(Math.max(now(), new Date(ticket.lastUpdated).getTime() + 1000));
      return ticket;
    },
    remove: (kind, id) => byKey.delete(`${kind}:${id}`),
    add: (fields) => {
      const id = Math.max(999, ...[...byKey.values()].map((t) => t.id)) + 1;
      const at = seconds(now());
      const ticket: SimTicket = { ...fields, id, dateEntered: at, lastUpdated: at };
      byKey.set(`${ticket.kind}:${id}`, ticket);
      return ticket;
    },
    size: () => byKey.size,
  };
};

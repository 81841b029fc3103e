import { ISSUE_TYPES, LABELS, PRIORITIES, STATUSES } from './catalog.js';
import type { AdfDocument, IssueRecord, SimProject, SimUser } from './model.js';
import { mixSeed, seededRandom, type Random } from './prng.js';
import { richDescription } from './rich-description.js';

export interface SeedOptions {
  readonly issues: number;
  readonly seed: number;
  readonly projects: number;
  readonly users: number;
  /** The newest seeded update; seeded history ends here, whatever the wall clock says. */
  readonly anchor: Date;
  readonly spanDays: number;
}

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kiri', 'Lena', 'Mateo', 'Nora'];
const LAST = ['Lovelace', 'Okafor', 'Martin', 'Patel', 'Schmidt', 'Haddad', 'Hopper', 'Tanaka', 'García', 'Berg', 'Ngata', 'Ivanova'];
const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney'];
const PROJECTS: ReadonlyArray<readonly [string, string]> = [
  ['OPS', 'Operations'],
  ['WEB', 'Web Storefront'],
  ['API', 'Public API'],
  ['MOB', 'Mobile App'],
  ['DATA', 'Data Platform'],
  ['SEC', 'Security'],
];
const VERBS = ['Fix', 'Add', 'Remove', 'Refactor', 'Investigate', 'Document', 'Speed up', 'Migrate'];
const THINGS = ['login timeout', 'checkout flow', 'invoice export', 'search filters', 'password reset', 'audit log', 'rate limiter'];
const PLACES = ['on mobile', 'for admins', 'in the EU region', 'after upgrade', 'under load', 'in Safari', ''];

export const seedUsers = (seed: number, count: number): ReadonlyArray<SimUser> => {
  const random = seededRandom(mixSeed(seed, 1));
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'User';
    const last = LAST[(i * 5) % LAST.length] ?? String(i);
    const suffix = i < FIRST.length ? '' : String(Math.floor(i / FIRST.length));
    const local = `${first}.${last}${suffix}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase();
    return {
      accountId: random.hex(24),
      displayName: `${first} ${last}${suffix === '' ? '' : ` ${suffix}`}`,
      emailAddress: `${local}@acme.example`,
      emailVisible: i % 4 !== 3,
      timeZone: random.pick(ZONES),
    };
  });
};

export const seedProjects = (count: number): ReadonlyArray<SimProject> =>
  Array.from({ length: Math.max(1, count) }, (_, i) => {
    const [key, name] = PROJECTS[i % PROJECTS.length] ?? ['P', 'Project'];
    const round = Math.floor(i / PROJECTS.length);
    return { id: String(10000 + i), key: round === 0 ? key : `${key}${round}`, name: round === 0 ? name : `${name} ${round}` };
  });

const DAY_MS = 86_400_000;
const STATUS_WEIGHTS = STATUSES.map((s, i) => [s.id, [35, 25, 10, 30][i] ?? 1] as const);
const PRIORITY_WEIGHTS = PRIORITIES.map((p, i) => [p.id, [5, 20, 45, 20, 10][i] ?? 1] as const);
const TYPE_WEIGHTS = ISSUE_TYPES.map((t, i) => [t.id, [5, 35, 35, 25][i] ?? 1] as const);

type Draft = Omit<IssueRecord, 'id' | 'number' | 'key'> & { id: number; number: number; key: string };

const draft = (random: Random, options: SeedOptions, users: ReadonlyArray<SimUser>, projects: ReadonlyArray<SimProject>): Draft => {
  const anchor = options.anchor.getTime();
  const created = anchor - Math.floor(random.next() * options.spanDays * DAY_MS);
  const updated = created + Math.floor(random.next() * (anchor - created));
  return {
    id: 0,
    number: 0,
    key: '',
    projectKey: random.pick(projects).key,
    summary: `${random.pick(VERBS)} ${random.pick(THINGS)} ${random.pick(PLACES)}`.trim(),
    description: undefined,
    statusId: random.weighted(STATUS_WEIGHTS),
    priorityId: random.chance(0.1) ? null : random.weighted(PRIORITY_WEIGHTS),
    assigneeId: random.chance(0.15) ? null : random.pick(users).accountId,
    reporterId: random.pick(users).accountId,
    issueTypeId: random.weighted(TYPE_WEIGHTS),
    labels: LABELS.filter(() => random.chance(0.15)),
    dueDate: random.chance(0.4) ? new Date(created + random.int(1, 60) * DAY_MS).toISOString().slice(0, 10) : null,
    created,
    updated,
    statusChangedAt: updated,
  };
};

/** Issues in creation order: ids and per-project numbers grow with `created`, as in a real site. */
export const seedIssues = (options: SeedOptions, users: ReadonlyArray<SimUser>, projects: ReadonlyArray<SimProject>): IssueRecord[] => {
  const random = seededRandom(mixSeed(options.seed, 2));
  const issues = Array.from({ length: options.issues }, () => draft(random, options, users, projects)).sort((a, b) => a.created - b.created);
  const numbers = new Map<string, number>();
  issues.forEach((issue, i) => {
    const number = (numbers.get(issue.projectKey) ?? 0) + 1;
    numbers.set(issue.projectKey, number);
    issue.id = 10000 + i;
    issue.number = number;
    issue.key = `${issue.projectKey}-${number}`;
  });
  return issues;
};

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/**
 * The seeded description of an issue, rebuilt on demand so 100,000 issues cost no memory for it.
 * One in ten is null; `richShare` of the others are rich ones (richDescription), mentioning `users`.
 */
export const seededDescription = (seed: number, issueId: number, users: ReadonlyArray<SimUser> = [], richShare = 0): AdfDocument | null => {
  const random = seededRandom(mixSeed(seed, issueId));
  if (random.chance(0.1)) return null;
  if (users.length > 0 && seededRandom(mixSeed(seed, -issueId)).chance(richShare)) return richDescription(random, users);
  const steps = Array.from({ length: random.int(1, 3) }, (_, i) => ({
    type: 'listItem',
    content: [paragraph(`Step ${i + 1}: ${random.pick(VERBS).toLowerCase()} the ${random.pick(THINGS)}`)],
  }));
  return {
    type: 'doc',
    version: 1,
    content: [
      paragraph(`Reported ${random.pick(PLACES) || 'in production'}: the ${random.pick(THINGS)} misbehaves.`),
      { type: 'bulletList', content: steps },
      paragraph(`Seen by ${random.int(1, 40)} customers.`),
    ],
  };
};

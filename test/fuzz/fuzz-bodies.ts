import type { Random } from '../../apps/simulator/jira/prng.js';
import { broken, ODD_DATES, wellFormed, type FieldKind } from './fuzz-values.js';

/** What the fuzzer knows of the API under test: a valid token, live ids, and a tracker that answers. */
export interface FuzzTarget {
  readonly token: string;
  /** Receives the webhooks and the reads; never patched or deleted, so its secret stays valid. */
  readonly connectionId: string;
  readonly webhookSecret: string;
  /** Patched, synced, tested, its mappings replaced, and maybe deleted. */
  readonly mutableConnectionId: string;
  readonly trackerUrl: string;
  readonly trackerEmail: string;
  readonly trackerApiToken: string;
  readonly redirectUri: string;
}

/** How broken one request is: every field well-formed, exactly one thing broken, or anything goes. */
export type Badness = 'none' | 'one' | 'chaos';

export type FieldGen = (random: Random, target: FuzzTarget, badness: Badness) => unknown;

/** A field of `kind`; `valid` gives well-formed values the fuzzer cannot invent (the tracker's URL). */
export const field =
  (kind: FieldKind, valid?: (target: FuzzTarget) => Partial<Record<string, () => unknown>>): FieldGen =>
  (random, target, badness) =>
    badness === 'one' || (badness === 'chaos' && random.chance(0.6)) ? broken(kind, random) : wellFormed(kind, random, valid?.(target));

export const nullableField =
  (gen: FieldGen): FieldGen =>
  (random, target, badness) =>
    badness !== 'one' && random.chance(0.15) ? null : gen(random, target, badness);

/** In `one` mode, the one of `count` parts that is broken; the others are well-formed. */
const partBadness = (badness: Badness, victim: number) => (index: number): Badness => (badness === 'one' ? (index === victim ? 'one' : 'none') : badness);

export const arrayOf =
  (gen: FieldGen, max = 3): FieldGen =>
  (random, target, badness) => {
    const length = random.int(badness === 'one' ? 1 : 0, max);
    const of = partBadness(badness, random.int(0, length - 1));
    return Array.from({ length }, (_, i) => gen(random, target, of(i)));
  };

/** A record whose keys are text (mapping rules) and values one of `values`, with the `default` key usually present. */
export const recordOf =
  (values: readonly string[]): FieldGen =>
  (random, target, badness) => {
    const rules = random.int(badness === 'one' ? 1 : 0, 3);
    const of = partBadness(badness, random.int(0, 2 * rules - 1));
    return Object.fromEntries([
      ...(badness === 'chaos' && random.chance(0.2) ? [] : [['default', random.pick(values)]]),
      ...Array.from({ length: rules }, (_, i) => [String(field('text')(random, target, of(2 * i))), field(values)(random, target, of(2 * i + 1))]),
    ]);
  };

const SMUGGLED = ['organizationId', 'id', 'createdAt', 'credentials', 'extra'];

/**
 * An object of required and optional fields. With one thing broken, that is one field's value, a
 * missing required field or a field it must not carry.
 */
export const objectOf =
  (required: Record<string, FieldGen>, optional: Record<string, FieldGen> = {}): FieldGen =>
  (random, target, badness) => {
    const present = [...Object.entries(required), ...Object.entries(optional).filter(() => random.chance(0.5))];
    const victim = random.int(0, present.length + 1);
    const of = partBadness(badness, victim);
    const missing = badness === 'one' && victim === present.length && Object.keys(required).length > 0 ? random.pick(Object.keys(required)) : undefined;
    const smuggle = (badness === 'one' && victim === present.length + 1) || (badness === 'chaos' && random.chance(0.2));
    const entries = present.filter(([name]) => name !== missing).map(([name, gen], i) => [name, gen(random, target, of(i))] as const);
    return Object.fromEntries([...entries, ...(smuggle ? [[random.pick(SMUGGLED), wellFormed('text', random)] as const] : [])]);
  };

const issueFields = objectOf(
  { summary: field('text'), updated: field('date', () => ({ date: () => '2026-01-05T10:00:00.000+0000' })) },
  {
    description: nullableField(field('text')),
    created: field('date'),
    duedate: nullableField(field('date', () => ({ date: () => '2026-03-01' }))),
    status: objectOf({ name: field('text') }, { id: field('text'), statusCategory: objectOf({}, { key: field(['new', 'indeterminate', 'done']) }) }),
    priority: objectOf({ name: field(['Highest', 'High', 'Medium', 'Low']) }),
    assignee: nullableField(objectOf({}, { accountId: field('text'), emailAddress: field('email') })),
    project: objectOf({ key: field(['OPS', 'PROJ']) }),
    labels: arrayOf(field('text')),
  },
);

/** A Jira issue event; the envelope's `timestamp` and the issue's fields are as broken as the rest. */
export const jiraWebhookPayload: FieldGen = (random, target, badness) => ({
  webhookEvent: badness === 'chaos' && random.chance(0.3) ? broken('text', random) : random.pick(['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted', 'comment_created']),
  ...(random.chance(0.9) ? { timestamp: badness !== 'none' && random.chance(0.3) ? random.pick<unknown>([1e300, -1e300, 8.64e15 + 1, '1767258000000', null, 1.5, ...ODD_DATES]) : Date.UTC(2026, 0, random.int(1, 28)) } : {}),
  issue: objectOf({ id: field('text', () => ({ text: () => String(random.int(10_000, 10_050)) })), key: field('text', () => ({ text: () => `OPS-${random.int(1, 50)}` })), fields: issueFields })(random, target, badness),
});

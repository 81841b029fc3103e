import { seededRandom, type Random } from '../jira/prng.js';
import { snDateTime, type RecordStore } from './record-store.js';
import { FIELDS_SEEDED_LAST, TABLES, TASK_TABLES } from './schema.js';

export interface SeedOptions {
  readonly seed: number;
  /** Records per synced table, e.g. `{ incident: 40, sc_task: 20 }`. */
  readonly records: Readonly<Partial<Record<(typeof TASK_TABLES)[number], number>>>;
  readonly users: number;
  /** The newest seeded update; history spans `spanDays` before it. */
  readonly anchor: Date;
  readonly spanDays: number;
}

const FIRST = ['Abel', 'Beth', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mia', 'Noah'];
const LAST = ['Tuter', 'Anglin', 'Vasquez', 'Loo', 'Novak', 'Haddad', 'Okafor', 'Tanaka', 'Silva', 'Berg', 'Yilmaz', 'Weber', 'Rossi', 'Moreau'];
const GROUPS = ['Service Desk', 'Network', 'Database', 'Hardware'];
const SUBJECTS = ['VPN drops every hour', 'Printer on 3rd floor jams', 'Email not syncing on phone', 'Laptop will not boot', 'Access to the finance share', 'New starter needs an account', 'Database backup failed', 'Slow network in building B'];
const STATES: Readonly<Record<string, ReadonlyArray<string>>> = { incident: ['1', '2', '3', '6', '7', '8'], task: ['-5', '1', '2', '3', '4', '7'] };

/** A deterministic sys_id: 32 hexadecimal characters from the seed's stream. */
const sysId = (random: Random) => random.hex(32);

/** The integration accounts and some people, each with an e-mail. */
const seedUsers = (store: RecordStore, random: Random, count: number, accounts: ReadonlyArray<Record<string, string>>) => {
  accounts.forEach((account) => store.insert('sys_user', { sys_id: sysId(random), ...account }, { silent: true }));
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const userName = `${first}.${last}${i >= FIRST.length ? i : ''}`.toLowerCase();
    return store.insert('sys_user', { sys_id: sysId(random), user_name: userName, name: `${first} ${last}`, first_name: first, last_name: last, email: `${userName}@example.com`, active: 'true' }, { silent: true });
  });
};

const fieldRow = (store: RecordStore, random: Random, table: string, field: (typeof TABLES)[number]['fields'][number]) =>
  store.insert('sys_dictionary', { sys_id: sysId(random), name: table, element: field.element, internal_type: field.type, column_label: field.element, reference: field.reference ?? '' }, { silent: true });

const seededLast = (table: string, element: string) => FIELDS_SEEDED_LAST.has(`${table}.${element}`);

/** sys_db_object and sys_dictionary, generated from the schema: each field on the table that defines it. */
const seedDictionary = (store: RecordStore, random: Random) => {
  const ids = new Map(TABLES.map((table) => [table.name, sysId(random)]));
  for (const table of TABLES) {
    store.insert('sys_db_object', { sys_id: ids.get(table.name)!, name: table.name, label: table.label, super_class: table.extends === undefined ? '' : ids.get(table.extends)! }, { silent: true });
    store.insert('sys_dictionary', { sys_id: sysId(random), name: table.name, element: '', internal_type: 'collection', column_label: table.label, reference: '' }, { silent: true });
    table.fields.filter((field) => !seededLast(table.name, field.element)).forEach((field) => fieldRow(store, random, table.name, field));
  }
};

const seedLateFields = (store: RecordStore, random: Random) =>
  TABLES.forEach((table) => table.fields.filter((field) => seededLast(table.name, field.element)).forEach((field) => fieldRow(store, random, table.name, field)));

/**
 * A deterministic instance: the dictionary, users, four groups and records of each synced table,
 * updated over the span before the anchor; one record in ten shares its update second with its
 * neighbour (bulk changes), so paging must order ties by sys_id.
 */
export const seedInstance = (store: RecordStore, options: SeedOptions, accounts: ReadonlyArray<Record<string, string>>): void => {
  const random = seededRandom(options.seed);
  seedDictionary(store, random);
  const users = seedUsers(store, random, options.users, accounts);
  const groups = GROUPS.map((name) => store.insert('sys_user_group', { sys_id: sysId(random), name, description: `${name} team`, active: 'true' }, { silent: true }));
  const end = options.anchor.getTime();
  const span = options.spanDays * 86_400_000;
  for (const table of TASK_TABLES) {
    const count = options.records[table] ?? 0;
    let previous = end - span;
    for (let i = 0; i < count; i += 1) {
      const updated = random.chance(0.1) ? previous : end - span + Math.floor(((i + random.next()) / Math.max(1, count)) * span);
      previous = updated;
      const created = updated - random.int(0, 30) * 86_400_000;
      const state = random.pick(STATES[table === 'incident' ? 'incident' : 'task']!);
      store.insert(
        table,
        {
          sys_id: sysId(random),
          short_description: `${random.pick(SUBJECTS)} (${i + 1})`,
          description: random.chance(0.7) ? `Reported by a user; details ${random.hex(6)}.` : '',
          state,
          priority: String(random.int(1, 5)),
          impact: String(random.int(1, 3)),
          urgency: String(random.int(1, 3)),
          active: (table === 'incident' ? ['6', '7', '8'] : ['3', '4', '7']).includes(state) ? 'false' : 'true',
          assigned_to: random.chance(0.8) ? random.pick(users).sys_id! : '',
          assignment_group: random.chance(0.9) ? random.pick(groups).sys_id! : '',
          due_date: random.chance(0.3) ? snDateTime(updated + random.int(1, 20) * 86_400_000) : '',
          sys_created_on: snDateTime(created),
          opened_at: snDateTime(created),
          sys_updated_on: snDateTime(updated),
          sys_mod_count: String(random.int(0, 12)),
        },
        { silent: true },
      );
    }
  }
  seedLateFields(store, random);
};

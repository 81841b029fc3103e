import { EntitySchema } from '@mikro-orm/postgresql';

/** A row of `request_budgets`: one token bucket (and pause) per key, shared by every process. */
export interface RequestBudgetRecord {
  key: string;
  tokens: number;
  refilledAt: Date;
  pausedUntil: Date | null;
}

export const RequestBudgetSchema = new EntitySchema<RequestBudgetRecord>({
  name: 'RequestBudgetRecord',
  tableName: 'request_budgets',
  properties: {
    key: { type: 'text', primary: true },
    tokens: { type: 'double', columnType: 'double precision' },
    refilledAt: { type: 'Date', columnType: 'timestamptz' },
    pausedUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

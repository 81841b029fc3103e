import { createOrm, type MikroORM } from '../../../../adapters/postgres/index.js';
import { postgresRequestBudget } from '../../../../adapters/postgres/postgres-request-budget.js';
import { describeRequestBudgetContract } from '../../../contracts/request-budget.contract.js';
import { emptyTestDatabase } from '../../../support/test-database.js';

describe('request budgets on PostgreSQL', () => {
  let second: MikroORM | undefined;
  after(async () => second?.close());

  describeRequestBudgetContract('PostgreSQL, two processes', async () => {
    const { orm, url } = await emptyTestDatabase();
    second ??= await createOrm(url);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    const other = second;
    return {
      first: postgresRequestBudget(() => orm.em.fork(), { sleep }),
      second: postgresRequestBudget(() => other.em.fork(), { sleep }),
      waits: () => waits,
    };
  });
});

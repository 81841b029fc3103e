import { localRequestBudget } from '../../../../adapters/net/request-budget.js';
import { describeRequestBudgetContract } from '../../../contracts/request-budget.contract.js';

describeRequestBudgetContract('one process', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
  const budget = localRequestBudget({ now: Date.now, sleep });
  return { first: budget, second: budget, waits: () => waits };
});

import { expect } from 'chai';
import { chooseTransition } from '../../../adapters/providers/jira/index.js';
import type { JiraTransition } from '../../../adapters/providers/jira/write-responses.js';

const to = (id: string, name: string, category: string): JiraTransition => ({ id, name: `to ${name}`, to: { name, statusCategory: { key: category } } });
const OFFERED = [to('21', 'In Progress', 'indeterminate'), to('31', 'In Review', 'indeterminate'), to('41', 'Done', 'done')];

describe('Jira writer: the transition it takes toward a status', () => {
  it('takes a named status first (in the order given, whatever its case), before any category', () => {
    expect(chooseTransition(OFFERED, { unified: 'in_progress', statuses: ['in review', 'In Progress'], categories: ['indeterminate'] })?.id).to.equal('31');
  });

  it('takes a transition into a target category when no named status is offered', () => {
    expect(chooseTransition(OFFERED, { unified: 'done', statuses: ['Closed'], categories: ['done'] })?.id).to.equal('41');
  });

  it('answers null when the workflow offers neither', () => {
    expect(chooseTransition(OFFERED, { unified: 'todo', statuses: ['To Do'], categories: ['new'] })).to.equal(null);
  });
});

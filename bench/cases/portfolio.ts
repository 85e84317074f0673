/** Portfolio: the portfolio view, the home view, search, a group's plan and lifecycle. */
import { notLanded, type BenchCase } from '../harness';
import { queryCase } from './foundation';

export const portfolioCases: BenchCase[] = [
  queryCase('portfolio', 'portfolio.view', 'portfolio.view', () => ({}), notLanded(['portfolio.view'])),
  queryCase('portfolio', 'portfolio.home (home view)', 'portfolio.home', () => ({}), notLanded(['portfolio.home'])),
  queryCase('portfolio', 'portfolio.search', 'portfolio.search', () => ({ query: 'valmius' }), notLanded(['portfolio.search'])),
  queryCase(
    'portfolio',
    'portfolio.plan (one group)',
    'portfolio.plan',
    (env) => ({ groupId: env.generated.ids.busyGroup }),
    notLanded(['portfolio.plan']),
  ),
  queryCase(
    'portfolio',
    'portfolio.lifecycle (one group)',
    'portfolio.lifecycle',
    (env) => ({ groupId: env.generated.ids.busyGroup }),
    notLanded(['portfolio.lifecycle']),
  ),
];

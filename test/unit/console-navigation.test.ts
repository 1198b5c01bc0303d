import { filterFromSearch, queryFromFilter, searchFromFilter } from '../../console/src/pages/tasks-filter';
import { safeNext } from '../../console/src/session/next-path';

describe('where the console goes after sign-in', () => {
  it('follows a path inside the console', () => {
    expect(safeNext('/contracts/4b0c?x=1')).toBe('/contracts/4b0c?x=1');
    expect(safeNext(null)).toBe('/tasks');
  });

  it('never leaves for another origin', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', ''])
      expect(safeNext(next)).toBe('/tasks');
  });
});

describe('a task filter in the address', () => {
  it('round-trips kinds, states and contract, and drops unknown values', () => {
    const filter = filterFromSearch(new URLSearchParams('kind=visit,meeting,bogus&state=overdue&contractId=c1'));
    expect(filter).toEqual({ kinds: ['visit', 'meeting'], states: ['overdue'], contractId: 'c1' });
    expect(filterFromSearch(searchFromFilter(filter, 2))).toEqual(filter);
    expect(searchFromFilter(filter, 2).get('page')).toBe('2');
    expect(queryFromFilter(filter)).toEqual({ kind: 'visit,meeting', state: 'overdue', contractId: 'c1' });
  });
});

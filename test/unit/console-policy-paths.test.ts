import { parseDoc, valueAt, withValueAt } from '../../console/src/pages/directory/policy-paths';

describe("the policy editor's document paths", () => {
  it('sets a number deep in the overrides without touching its neighbours', () => {
    const doc = { obligations: { meetingPeriod: 'month' }, timeScale: 1 };
    const next = withValueAt(doc, 'obligations.visitsPerMonth', 2);
    expect(next).toEqual({ obligations: { meetingPeriod: 'month', visitsPerMonth: 2 }, timeScale: 1 });
    expect(doc).toEqual({ obligations: { meetingPeriod: 'month' }, timeScale: 1 });
    expect(valueAt(next, 'obligations.visitsPerMonth')).toBe(2);
  });

  it('removes an emptied override and the objects it leaves empty', () => {
    const doc = { evaluation: { thresholds: { excellent: 90 } }, timeScale: 1 };
    expect(withValueAt(doc, 'evaluation.thresholds.excellent', undefined)).toEqual({ timeScale: 1 });
  });

  it('reads only a JSON object as a document', () => {
    expect(parseDoc('{"a": 1}')).toEqual({ a: 1 });
    expect(parseDoc('[1]')).toBeUndefined();
    expect(parseDoc('{')).toBeUndefined();
    expect(valueAt(undefined, 'a.b')).toBeUndefined();
  });
});

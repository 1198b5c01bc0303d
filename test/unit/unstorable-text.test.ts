import { findUnstorableText, unstorableReason } from '../../api/unstorable-text';

describe('unstorableReason', () => {
  it.each([
    ['NUL', 'a\u0000b', /U\+0000/],
    ['a lone high surrogate at the end', 'abc\ud83d', /U\+D83D/],
    ['a lone low surrogate', '\ude00x', /U\+DE00/],
    ['two high surrogates', '\ud83d\ud83d\ude00', /U\+D83D/],
  ])('names %s', (_what, text, reason) => {
    expect(unstorableReason(text)).toMatch(reason);
  });

  it.each([
    ['plain text', '整改说明 ok'],
    ['an emoji (a surrogate pair)', 'done 😀'],
    ['control characters PostgreSQL stores', '\u0001\t\n'],
    ['empty', ''],
  ])('accepts %s', (_what, text) => {
    expect(unstorableReason(text)).toBeUndefined();
  });
});

describe('findUnstorableText', () => {
  it('names every field by its path, in values and keys, nested in objects and arrays', () => {
    const issues = findUnstorableText({
      params: { code: 'a\u0000' },
      query: { regionCode: ['ok', 'b\ud800'] },
      body: { name: 'fine', policy: { ['k\u0000']: 1, deep: [{ text: '\udfff' }] } },
      'headers.Idempotency-Key': undefined,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'body.policy',
      'body.policy.deep.0.text',
      'params.code',
      'query.regionCode.1',
    ]);
    expect(issues[0]!.message).toMatch(/^a key contains U\+0000/);
  });

  it('walks any nesting without exhausting the stack, refusing what no schema here allows', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText({ body: deep })).toEqual([
      { path: expect.stringMatching(/^body(\.0){32}$/), message: 'nested more than 32 levels deep' },
    ]);
  });

  it('finds nothing in ordinary input', () => {
    expect(
      findUnstorableText({ body: { code: 'R1', name: '渝中区 Yuzhong', remote: false, n: 3, none: null } }),
    ).toEqual([]);
  });
});

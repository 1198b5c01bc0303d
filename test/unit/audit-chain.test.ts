import { createHash } from 'node:crypto';
import { auditRowHash, canonicalAuditText, ChainedRow, checkLink } from '../../stores/audit-chain';

const first: ChainedRow = {
  id: '1',
  at: '2026-11-22T01:02:03.456789Z',
  actorUserId: null,
  actor: 'system:evaluation',
  action: 'evaluation.overdue',
  entityType: 'evaluation',
  entityId: 'e-1',
  details: '{"deadline": "2026-12-31"}',
  idempotencyKey: 'evaluation:e-1:overdue',
  prevHash: null,
  hash: '',
};
first.hash = auditRowHash(first);

describe('the canonical text of an audit row', () => {
  it('is a version line and one length-prefixed field per line, "-" for NULL', () => {
    expect(canonicalAuditText(first)).toBe(
      [
        'carepact-audit-v1',
        '1:1',
        '27:2026-11-22T01:02:03.456789Z',
        '-',
        '17:system:evaluation',
        '18:evaluation.overdue',
        '10:evaluation',
        '3:e-1',
        '26:{"deadline": "2026-12-31"}',
        '22:evaluation:e-1:overdue',
        '-',
      ].join('\n'),
    );
    expect(first.hash).toBe(createHash('sha256').update(canonicalAuditText(first)).digest('hex'));
  });

  it('counts UTF-8 bytes, so a value holding a newline or Chinese text cannot pass for two fields', () => {
    const text = canonicalAuditText({ ...first, actor: '监管\n员' });
    expect(text).toContain('\n10:监管\n员\n');
    expect(auditRowHash({ ...first, actor: 'a\n2:b' })).not.toBe(auditRowHash({ ...first, actor: 'a', action: 'b' }));
  });

  it('tells an empty string from NULL', () => {
    expect(auditRowHash({ ...first, idempotencyKey: '' })).not.toBe(auditRowHash({ ...first, idempotencyKey: null }));
  });
});

describe('checking one link', () => {
  const second: ChainedRow = { ...first, id: '2', action: 'evaluation.graded', prevHash: first.hash, hash: '' };
  second.hash = auditRowHash(second);

  it('accepts a row whose hash and predecessor match', () => {
    expect(checkLink(first, undefined)).toBeUndefined();
    expect(checkLink(second, first)).toBeUndefined();
  });

  it('names an altered row by its content', () => {
    expect(checkLink({ ...second, details: '{"deadline": "2027-01-31"}' }, first)).toMatch(
      /content does not match its hash/,
    );
  });

  it('names a row whose predecessor is not the row before it', () => {
    expect(checkLink(second, { id: '0', hash: 'f'.repeat(64) })).toMatch(
      /not the hash .* of the row before it \(id 0\): a row between them was removed/,
    );
    expect(checkLink(second, undefined)).toMatch(
      /first row but its prev_hash is [0-9a-f]{64}: earlier rows were removed/,
    );
  });
});

import { buildIcs, escapeIcsText, foldIcsLine, type IcsEvent } from '../../activities/ics';

const event: IcsEvent = {
  uid: 'visit:c1:2027-03',
  date: '2027-03-31',
  summary: 'Home visits due',
  description: 'Record the visits in CarePact.',
  stamp: '2027-03-24T01:00:00Z',
};

const physicalLines = (ics: string) => ics.slice(0, -2).split('\r\n');
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const logicalLines = (ics: string) => unfold(ics).slice(0, -2).split('\r\n');
const property = (ics: string, name: string) =>
  logicalLines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('buildIcs', () => {
  it('writes one VEVENT in a VCALENDAR with the required properties', () => {
    const lines = logicalLines(buildIcs(event));
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//CarePact//Supervision//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
    ]);
    expect(lines.slice(-2)).toEqual(['END:VEVENT', 'END:VCALENDAR']);
    expect(lines).toContain('UID:visit:c1:2027-03@carepact');
    expect(lines).toContain('DTSTAMP:20270324T010000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20270331');
    expect(lines).toContain('DTEND;VALUE=DATE:20270401');
    expect(lines).toContain('SUMMARY:Home visits due');
    expect(lines).toContain('DESCRIPTION:Record the visits in CarePact.');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('uses CRLF for every line break, including the last', () => {
    const ics = buildIcs({ ...event, summary: '上门服务'.repeat(40), description: 'a\nb\r\nc\rd', alarmDaysBefore: 2 });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r(?!\n)/);
  });

  it.each([
    ['2027-03-31', '20270401'],
    ['2027-12-31', '20280101'],
    ['2027-01-31', '20270201'],
    ['2027-02-28', '20270301'],
    ['2028-02-28', '20280229'],
    ['2028-02-29', '20280301'],
    ['2027-04-30', '20270501'],
  ])('ends the all-day event %s on the next day %s', (date, end) => {
    const ics = buildIcs({ ...event, date });
    expect(property(ics, 'DTSTART')).toBe(`DTSTART;VALUE=DATE:${date.replace(/-/g, '')}`);
    expect(property(ics, 'DTEND')).toBe(`DTEND;VALUE=DATE:${end}`);
  });

  it('writes DTSTAMP in UTC basic format whatever the offset given', () => {
    expect(property(buildIcs({ ...event, stamp: '2027-03-24T09:30:15.678+08:00' }), 'DTSTAMP')).toBe(
      'DTSTAMP:20270324T013015Z',
    );
    expect(property(buildIcs({ ...event, stamp: '2027-01-01T02:00:00+08:00' }), 'DTSTAMP')).toBe(
      'DTSTAMP:20261231T180000Z',
    );
  });

  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    const ics = buildIcs({ ...event, summary: 'a,b;c\\d', description: 'line 1\nline 2\r\nline 3; done, ok\\' });
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:a\\,b\\;c\\\\d');
    expect(property(ics, 'DESCRIPTION')).toBe('DESCRIPTION:line 1\\nline 2\\nline 3\\; done\\, ok\\\\');
    expect(escapeIcsText('x\u0000y\u0007z\tw')).toBe('xyz\tw');
  });

  it('folds long Chinese lines at ≤ 75 octets without splitting a character, and unfolding restores them', () => {
    const summary = '【CarePact】截止：2027年3月上门服务（巡诊）（渝中区人民医院 — 幸福养老院）𝄞🏥'.repeat(4);
    const description = (
      '需完成事项：2027年3月（2027-03）须完成上门服务（巡诊）2次；截至目前已登记1次，尚需1次。\n' +
      '逾期后果：首次未履行，系统向双方联络员发出警告，连续两期未履行，报告区县监管部门。'
    ).repeat(3);
    const ics = buildIcs({ ...event, summary, description, alarmDaysBefore: 1 });

    const lines = physicalLines(ics);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    // Byte level: every physical line is well-formed UTF-8 on its own (no split multi-byte sequence).
    const bytes = Buffer.from(ics, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        expect(() => decoder.decode(bytes.subarray(start, i))).not.toThrow();
        start = i + 2;
      }
    }

    expect(property(ics, 'SUMMARY')).toBe(`SUMMARY:${escapeIcsText(summary)}`);
    expect(property(ics, 'DESCRIPTION')).toBe(`DESCRIPTION:${escapeIcsText(description)}`);
  });

  it('never splits a 4-octet character (a UTF-16 surrogate pair), wherever the fold falls', () => {
    for (let pad = 0; pad < 4; pad++) {
      const summary = `${'a'.repeat(pad)}${'𝄞中'.repeat(30)}`;
      const ics = buildIcs({ ...event, summary });
      for (const line of physicalLines(ics)) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
      expect(property(ics, 'SUMMARY')).toBe(`SUMMARY:${summary}`);
    }
  });

  it('folds exactly at the octet limit: 75 on the first line, 74 + the leading space after', () => {
    const folded = foldIcsLine(`SUMMARY:${'a'.repeat(200)}`);
    const lines = folded.split('\r\n');
    expect(lines[0]).toHaveLength(75);
    for (const line of lines.slice(1, -1)) expect(line).toHaveLength(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75));
    // 3-octet characters: 25 of them make exactly 75 octets; a 26th moves to a continuation line.
    expect(foldIcsLine('中'.repeat(25))).toBe('中'.repeat(25));
    expect(foldIcsLine('中'.repeat(26))).toBe(`${'中'.repeat(25)}\r\n 中`);
  });

  it('never splits an escape sequence across a fold', () => {
    for (let pad = 0; pad < 4; pad++) {
      const ics = buildIcs({ ...event, description: `${'x'.repeat(pad)}${',;\\\n'.repeat(60)}` });
      for (const line of physicalLines(ics)) expect(line).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
      expect(property(ics, 'DESCRIPTION')).toBe(`DESCRIPTION:${'x'.repeat(pad)}${'\\,\\;\\\\\\n'.repeat(60)}`);
    }
  });

  it('is byte-identical for the same input, whatever the host time zone', () => {
    const input: IcsEvent = {
      ...event,
      summary: '【CarePact】截止：2027年第一季度对接会议'.repeat(3),
      alarmDaysBefore: 7,
    };
    const first = buildIcs(input);
    const savedTz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(buildIcs({ ...input })).toBe(first);
      process.env.TZ = 'Asia/Shanghai';
      expect(buildIcs({ ...input })).toBe(first);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('adds a VALARM only when asked', () => {
    expect(buildIcs(event)).not.toContain('VALARM');
    const lines = logicalLines(buildIcs({ ...event, alarmDaysBefore: 3 }));
    const begin = lines.indexOf('BEGIN:VALARM');
    expect(begin).toBeGreaterThan(lines.indexOf('BEGIN:VEVENT'));
    expect(lines.slice(begin, begin + 5)).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Home visits due',
      'TRIGGER:-P3D',
      'END:VALARM',
    ]);
    expect(lines.indexOf('END:VALARM')).toBeLessThan(lines.indexOf('END:VEVENT'));
    expect(logicalLines(buildIcs({ ...event, alarmDaysBefore: 0 }))).toContain('TRIGGER:-P0D');
  });

  it('omits DESCRIPTION when there is none', () => {
    expect(property(buildIcs({ ...event, description: undefined }), 'DESCRIPTION')).toBeUndefined();
  });

  it('refuses input that would make a wrong or host-dependent calendar entry', () => {
    expect(() => buildIcs({ ...event, date: '2027-02-30' })).toThrow(/date/);
    expect(() => buildIcs({ ...event, date: '20270331' })).toThrow(/date/);
    expect(() => buildIcs({ ...event, stamp: '2027-03-24T09:00:00' })).toThrow(/stamp/);
    expect(() => buildIcs({ ...event, stamp: '2027-02-30T00:00:00Z' })).toThrow(/stamp/);
    expect(() => buildIcs({ ...event, stamp: 'yesterday' })).toThrow(/stamp/);
    expect(() => buildIcs({ ...event, uid: ' ' })).toThrow(/uid/);
    expect(() => buildIcs({ ...event, summary: '' })).toThrow(/summary/);
    expect(() => buildIcs({ ...event, alarmDaysBefore: -1 })).toThrow(/alarmDaysBefore/);
    expect(() => buildIcs({ ...event, alarmDaysBefore: 1.5 })).toThrow(/alarmDaysBefore/);
    expect(() => buildIcs({ ...event, alarmDaysBefore: Number.NaN })).toThrow(/alarmDaysBefore/);
  });
});

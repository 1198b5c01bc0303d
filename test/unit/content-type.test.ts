import { createTextValidator, sniffContentType } from '../../platform/content-type';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''), u32(0x100), 'meta');

describe('sniffContentType', () => {
  it.each([
    ['PDF 1.7', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n'), 'application/pdf'],
    ['PDF 1.4', bytes('%PDF-1.4\n'), 'application/pdf'],
    [
      'PNG with its IHDR chunk',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR', [0, 0, 1, 0, 0, 0, 1, 0, 8, 6]),
      'image/png',
    ],
    ['JPEG/JFIF', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1]), 'image/jpeg'],
    ['JPEG/Exif from a phone', bytes([0xff, 0xd8, 0xff, 0xe1, 0x1c, 0x45], 'Exif', [0, 0], 'MM'), 'image/jpeg'],
    ['GIF89a', bytes('GIF89a', [0x10, 0, 0x10, 0, 0x80]), 'image/gif'],
    ['lossy WebP', bytes('RIFF', [0x24, 0x1a, 0, 0], 'WEBPVP8 ', [0x18, 0x1a, 0, 0]), 'image/webp'],
    ['extended WebP', bytes('RIFF', [0x24, 0x1a, 0, 0], 'WEBPVP8X', [0x0a, 0, 0, 0]), 'image/webp'],
    ['HEIC from an iPhone', ftyp('heic', 'mif1', 'MiHE', 'miaf', 'MiHB', 'heic'), 'image/heic'],
    ['HEIC with the mif1 major brand', ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
    ['HEIF of no HEVC brand', ftyp('mif1', 'mif1', 'miaf'), 'image/heif'],
    ['AVIF, not HEIC', ftyp('avif', 'avif', 'mif1', 'miaf'), 'image/avif'],
    ['MP4 video, not HEIC', ftyp('isom', 'isom', 'iso2', 'mp41'), 'video/mp4'],
    ['plain UTF-8 text', Buffer.from('整改说明：已补充巡诊记录。\nRevised visit log attached.'), 'text/plain'],
  ])('recognizes %s', (_name, head, type) => {
    expect(sniffContentType(head, true)).toBe(type);
  });

  it('names a Windows executable renamed report.pdf as what it is', () => {
    const pe = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], 'This program cannot be run in DOS mode.');
    expect(sniffContentType(pe, true)).toBe('application/vnd.microsoft.portable-executable');
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><script>alert(1)</script>', 'text/html'],
    ['HTML after a BOM and blank lines', '\ufeff\n\n  <html><body>', 'text/html'],
    [
      'an SVG image (script-capable XML)',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      'application/xml',
    ],
  ])('calls %s markup, never plain text', (_name, text, type) => {
    expect(sniffContentType(Buffer.from(text), true)).toBe(type);
  });

  it('names ZIP archives (DOCX, XLSX) only as ZIP: their kind is not in their first bytes', () => {
    expect(sniffContentType(bytes('PK', [3, 4, 20, 0, 6, 0], '[Content_Types].xml'), true)).toBe('application/zip');
  });

  it.each([
    ['nothing', Buffer.alloc(0)],
    ['a cut-off PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['a cut-off JPEG signature', Buffer.from([0xff, 0xd8])],
    ['a cut-off ftyp box', bytes(u32(24), 'ftyphe')],
    ['text with a NUL', Buffer.from('abc\u0000def')],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28, 0x62])],
    ['UTF-16 text', Buffer.from('\ufeffhello', 'utf16le')],
  ])('recognizes nothing in %s', (_name, head) => {
    expect(sniffContentType(head, true)).toBeUndefined();
  });

  it('does not take a truncated PDF signature for a PDF', () => {
    expect(sniffContentType(Buffer.from('%PD'), true)).not.toBe('application/pdf');
  });

  it('accepts a character cut off at the end of a head, but not at the end of a whole file', () => {
    const cut = Buffer.from('说明', 'utf8').subarray(0, 4);
    expect(sniffContentType(cut, false)).toBe('text/plain');
    expect(sniffContentType(cut, true)).toBeUndefined();
  });
});

describe('createTextValidator', () => {
  it('follows characters across chunks and rejects what is not text later in the file', () => {
    const whole = Buffer.from('第一段。第二段。');
    const ok = createTextValidator();
    for (let i = 0; i < whole.length; i += 5) expect(ok.push(whole.subarray(i, i + 5))).toBe(true);
    expect(ok.end()).toBe(true);

    const nul = createTextValidator();
    expect(nul.push(Buffer.from('fine so far'))).toBe(true);
    expect(nul.push(Buffer.from([0x00]))).toBe(false);
    expect(nul.end()).toBe(false);

    const cut = createTextValidator();
    expect(cut.push(whole.subarray(0, 4))).toBe(true);
    expect(cut.end()).toBe(false);
  });
});

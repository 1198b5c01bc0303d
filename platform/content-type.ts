/**
 * Content types from a file's first bytes, never from its name or declared type: a renamed
 * executable or web page must not pass as a PDF. Signatures follow the WHATWG MIME Sniffing
 * standard where it has one.
 */

/** Enough for every signature below, including an ftyp box's compatible brands. */
export const SNIFF_BYTES = 512;

/** The types this module can recognize; anything configured as allowed must be one of them. */
export const SNIFFABLE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'text/plain',
] as const;

function startsWith(bytes: Uint8Array, signature: readonly number[] | string, offset = 0): boolean {
  const sig = typeof signature === 'string' ? Array.from(signature, (c) => c.charCodeAt(0)) : signature;
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4A ', 'qt  ', '3gp4', '3gp5']);

/** ISO base media files (HEIC, HEIF, AVIF, MP4) name what they hold in the brands of their leading ftyp box. */
function isoMediaType(bytes: Uint8Array): string | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (boxSize < 16 || boxSize % 4 !== 0) return undefined;
  const major = ascii(bytes, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length); at += 4) compatible.push(ascii(bytes, at, at + 4));
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (AVIF_BRANDS.has(major)) return 'image/avif';
  if (HEIF_BRANDS.has(major)) {
    if (compatible.some((b) => HEIC_BRANDS.has(b))) return 'image/heic';
    if (compatible.some((b) => AVIF_BRANDS.has(b))) return 'image/avif';
    return 'image/heif';
  }
  if (MP4_BRANDS.has(major) || compatible.some((b) => MP4_BRANDS.has(b))) return 'video/mp4';
  return undefined;
}

/** Types worth naming in a refusal, though never accepted as evidence. */
function knownUnwantedType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 'MZ')) return 'application/vnd.microsoft.portable-executable';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-elf';
  if (startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]))
    return 'application/x-mach-binary';
  // DOCX and XLSX are ZIP archives told apart only by entries that may lie anywhere in them.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(bytes, [0x1f, 0x8b, 0x08])) return 'application/gzip';
  return undefined;
}

function isUtf8Text(bytes: Uint8Array, complete: boolean): boolean {
  if (bytes.length === 0 || bytes.includes(0)) return false;
  try {
    // Without the end of the file a multi-byte character may be cut off: `stream` keeps it pending.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Markup is not plain text: a browser would render it, so it is named as what it is. */
function markupType(bytes: Uint8Array): string | undefined {
  let at = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (at < bytes.length && [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[at]!)) at++;
  if (bytes[at] !== 0x3c) return undefined; // '<'
  return startsWith(bytes, '<?xml', at) ? 'application/xml' : 'text/html';
}

/**
 * The content type of a file from its first bytes (up to SNIFF_BYTES), or undefined when
 * nothing is recognized. `complete` says the bytes are the whole file, not just its start.
 */
export function sniffContentType(head: Uint8Array, complete = false): string | undefined {
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'image/gif';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBPVP', 8)) return 'image/webp';
  const media = isoMediaType(head);
  if (media) return media;
  const unwanted = knownUnwantedType(head);
  if (unwanted) return unwanted;
  if (isUtf8Text(head, complete)) return markupType(head) ?? 'text/plain';
  return undefined;
}

/** Checks the rest of a file sniffed as text/plain: the head alone does not prove the whole is text. */
export function createTextValidator() {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  return {
    push(chunk: Uint8Array): boolean {
      if (!valid) return false;
      try {
        decoder.decode(chunk, { stream: true });
        valid = !chunk.includes(0);
      } catch {
        valid = false;
      }
      return valid;
    },
    end(): boolean {
      if (!valid) return false;
      try {
        decoder.decode();
        return true;
      } catch {
        return false;
      }
    },
  };
}

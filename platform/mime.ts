import { TextDecoder } from 'node:util';

/**
 * A small MIME reader for what the mail catcher receives (nodemailer output and similar):
 * nested multiparts, base64 / quoted-printable, RFC 2047 encoded-words, RFC 2231 parameters.
 * Not a general-purpose parser: no S/MIME, no uuencode, no message/rfc822 descent.
 */

export interface MimeAttachment {
  filename?: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface ParsedMessage {
  headers: Record<string, string>;
  subject: string;
  messageId?: string;
  text?: string;
  html?: string;
  attachments: MimeAttachment[];
}

interface Entity {
  headers: Record<string, string>;
  /** Body still transfer-encoded; a latin1 string so every byte maps to one char. */
  body: string;
}

export function parseMessage(raw: Buffer): ParsedMessage {
  const top = splitEntity(raw.toString('latin1'));
  // The final CRLF belongs to the SMTP terminator, not to a single-part body.
  top.body = top.body.replace(/\r?\n$/, '');
  const result: ParsedMessage = {
    headers: top.headers,
    subject: decodeWords(top.headers['subject'] ?? ''),
    messageId: top.headers['message-id'],
    attachments: [],
  };
  collect(top, result);
  return result;
}

function collect(entity: Entity, out: ParsedMessage): void {
  const type = parseParams(entity.headers['content-type'] ?? 'text/plain');
  const mediaType = type.value.toLowerCase();
  if (mediaType.startsWith('multipart/') && type.params['boundary']) {
    for (const part of splitMultipart(entity.body, type.params['boundary'])) collect(splitEntity(part), out);
    return;
  }
  const disposition = parseParams(entity.headers['content-disposition'] ?? '');
  const filename = disposition.params['filename'] ?? type.params['name'];
  const content = decodeTransfer(entity.body, entity.headers['content-transfer-encoding'] ?? '7bit');
  const isAttachment = disposition.value.toLowerCase() === 'attachment' || filename !== undefined;
  if (!isAttachment && mediaType === 'text/plain' && out.text === undefined) {
    out.text = decodeText(content, type.params['charset']);
  } else if (!isAttachment && mediaType === 'text/html' && out.html === undefined) {
    out.html = decodeText(content, type.params['charset']);
  } else {
    out.attachments.push({ filename, contentType: mediaType, size: content.length, content });
  }
}

function splitEntity(source: string): Entity {
  let headerBlock = '';
  let body = source;
  const leadingBlank = /^\r?\n/.exec(source);
  if (leadingBlank) {
    body = source.slice(leadingBlank[0].length);
  } else {
    const separator = /\r?\n\r?\n/.exec(source);
    headerBlock = separator ? source.slice(0, separator.index) : source;
    body = separator ? source.slice(separator.index + separator[0].length) : '';
  }
  return { headers: parseHeaders(headerBlock), body };
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const match = /^([^:\s]+)[ \t]*:(.*)$/.exec(line);
    if (!match) continue;
    // Header bytes may be raw UTF-8 (SMTPUTF8); the block was read as latin1.
    headers[match[1]!.toLowerCase()] = Buffer.from(match[2]!.trim(), 'latin1').toString('utf8');
  }
  return headers;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.replace(/[ \t]+$/, '');
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(current.join('\r\n'));
      if (trimmed !== delimiter) return parts;
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, 'latin1');
  }
}

function decodeQuotedPrintable(body: string): Buffer {
  const joined = body
    .replace(/[ \t]+(?=\r?\n|$)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=$/, '');
  return Buffer.from(hexEscapes(joined, /=([0-9A-Fa-f]{2})/g), 'latin1');
}

function hexEscapes(value: string, pattern: RegExp): string {
  return value.replace(pattern, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeText(content: Buffer, charset: string | undefined): string {
  return decodeCharset(content, charset).replace(/\r\n/g, '\n');
}

function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  const label = charset.trim().toLowerCase();
  if (label === 'us-ascii' || label === 'ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** Decodes RFC 2047 encoded-words (`=?utf-8?B?…?=`, `=?utf-8?Q?…?=`) inside a header value. */
export function decodeWords(value: string): string {
  // Whitespace between adjacent encoded-words is not content (RFC 2047 §6.2), and a
  // multi-byte character may be split across words, so bytes of a run are joined first.
  let out = '';
  let last = 0;
  let run: { charset: string; chunks: Buffer[] } | undefined;
  const flush = (): void => {
    if (run) out += decodeCharset(Buffer.concat(run.chunks), run.charset);
    run = undefined;
  };
  for (const match of value.matchAll(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g)) {
    const between = value.slice(last, match.index);
    if (!run || /\S/.test(between)) {
      flush();
      out += between;
    }
    const charset = match[1]!.split('*')[0]!.toLowerCase();
    const text = match[3]!;
    const bytes = match[2]!.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(hexEscapes(text.replace(/_/g, ' '), /=([0-9A-Fa-f]{2})/g), 'latin1');
    if (run?.charset !== charset) flush();
    run ??= { charset, chunks: [] };
    run.chunks.push(bytes);
    last = match.index + match[0].length;
  }
  flush();
  return out + value.slice(last);
}

/**
 * Splits `type/sub; a=1; b="x;y"` into value and lower-cased parameters, joining
 * RFC 2231 continuations (`name*0*=utf-8''%E4…; name*1*=…`) and decoding encoded-words.
 */
export function parseParams(header: string): { value: string; params: Record<string, string> } {
  const [value = '', ...pieces] = splitOutsideQuotes(header);
  const simple: Record<string, string> = {};
  const extended: Record<string, { index: number; encoded: boolean; text: string }[]> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const text = unquote(piece.slice(eq + 1).trim());
    const rfc2231 = /^([^*]+)\*(?:(\d+)(\*)?)?$/.exec(key);
    if (!rfc2231) {
      simple[key] = decodeWords(text);
      continue;
    }
    const encoded = rfc2231[2] === undefined || rfc2231[3] === '*';
    (extended[rfc2231[1]!] ??= []).push({ index: Number(rfc2231[2] ?? 0), encoded, text });
  }
  for (const [name, segments] of Object.entries(extended)) {
    segments.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const chunks = segments.map((segment, i) => {
      let text = segment.text;
      if (!segment.encoded) return Buffer.from(text, 'utf8');
      const prefix = i === 0 ? /^([^']*)'[^']*'/.exec(text) : null;
      if (prefix) {
        charset = prefix[1] || charset;
        text = text.slice(prefix[0].length);
      }
      return Buffer.from(hexEscapes(text, /%([0-9A-Fa-f]{2})/g), 'latin1');
    });
    simple[name] = decodeCharset(Buffer.concat(chunks), charset);
  }
  return { value: value.trim(), params: simple };
}

function splitOutsideQuotes(header: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i]!;
    if (ch === '\\' && quoted) {
      current += ch + (header[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces;
}

function unquote(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

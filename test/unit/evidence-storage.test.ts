import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  EvidenceFileRejected,
  evidenceFilePath,
  evidenceTempDir,
  storeEvidenceFile,
  storeEvidenceText,
  sweepEvidenceStorage,
} from '../../platform/evidence-storage';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-evidence-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const limits = { maxBytes: 1024 * 1024, allowedTypes: ['application/pdf', 'image/png'] };
const pdf = (body: Buffer | string = randomBytes(200_000)) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(body)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A source in uneven chunks, as a socket delivers them. */
const chunked = (b: Buffer, size = 7_919) =>
  Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));
const leftovers = () => (fs.existsSync(evidenceTempDir(dir)) ? fs.readdirSync(evidenceTempDir(dir)) : []);
const storedFiles = () =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.startsWith(evidenceTempDir(dir)));

it('stores a file at the address of its SHA-256, which matches node:crypto', async () => {
  const content = pdf();
  const stored = await storeEvidenceFile(dir, chunked(content), limits);
  expect(stored).toEqual({ sha256: sha256(content), size: content.length, contentType: 'application/pdf' });
  const at = evidenceFilePath(dir, stored.sha256);
  expect(at).toBe(path.join(dir, stored.sha256.slice(0, 2), stored.sha256));
  expect(fs.readFileSync(at).equals(content)).toBe(true);
  expect(leftovers()).toEqual([]);
});

it('stores identical content once', async () => {
  const content = pdf();
  const first = await storeEvidenceFile(dir, chunked(content, 1000), limits);
  const second = await storeEvidenceFile(dir, chunked(content, 65_536), limits);
  expect(second.sha256).toBe(first.sha256);
  expect(storedFiles()).toHaveLength(1);
});

it('never replaces a file already at an address', async () => {
  const content = pdf();
  const at = evidenceFilePath(dir, sha256(content));
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.writeFileSync(at, 'the first copy stays');
  const inode = fs.statSync(at).ino;
  await storeEvidenceFile(dir, chunked(content), limits);
  expect(fs.readFileSync(at, 'utf8')).toBe('the first copy stays');
  expect(fs.statSync(at).ino).toBe(inode);
  expect(leftovers()).toEqual([]);
});

it('accepts a file of exactly the limit and refuses one byte more while streaming, leaving nothing behind', async () => {
  const exact = pdf(Buffer.alloc(1000 - 9, 0x20));
  await expect(storeEvidenceFile(dir, chunked(exact, 100), { ...limits, maxBytes: 1000 })).resolves.toMatchObject({
    size: 1000,
  });

  let pulled = 0;
  async function* endless() {
    yield pdf('x');
    for (;;) {
      pulled++;
      yield randomBytes(4096);
    }
  }
  const error = await storeEvidenceFile(dir, endless(), { ...limits, maxBytes: 100_000 }).catch((e) => e);
  expect(error).toBeInstanceOf(EvidenceFileRejected);
  expect(error.reason).toBe('too-large');
  expect(pulled).toBeLessThan(30); // stopped at the limit, not at the end of the upload
  expect(leftovers()).toEqual([]);
  expect(storedFiles()).toHaveLength(1);
});

it('refuses a disguised type from its first bytes, leaving nothing behind', async () => {
  const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(300_000)]);
  const error = await storeEvidenceFile(dir, chunked(exe), limits).catch((e) => e);
  expect(error).toMatchObject({
    reason: 'type-not-allowed',
    detectedType: 'application/vnd.microsoft.portable-executable',
  });
  const html = await storeEvidenceFile(dir, chunked(Buffer.from('<html><body>Not a PDF</body></html>')), limits).catch(
    (e) => e,
  );
  expect(html).toMatchObject({ reason: 'type-not-allowed', detectedType: 'text/html' });
  const empty = await storeEvidenceFile(dir, Readable.from([]), limits).catch((e) => e);
  expect(empty).toMatchObject({ reason: 'type-not-allowed', detectedType: undefined });
  expect(leftovers()).toEqual([]);
  expect(storedFiles()).toHaveLength(0);
});

it('checks all of a text file, not just its start', async () => {
  const textLimits = { ...limits, allowedTypes: ['text/plain'] };
  const text = Buffer.from('整改说明 '.repeat(5000));
  await expect(storeEvidenceFile(dir, chunked(text, 1001), textLimits)).resolves.toMatchObject({
    contentType: 'text/plain',
    size: text.length,
  });
  const binaryTail = Buffer.concat([Buffer.from('a'.repeat(4096)), Buffer.from([0x00, 0x01, 0x02])]);
  await expect(storeEvidenceFile(dir, chunked(binaryTail, 1000), textLimits)).rejects.toMatchObject({
    reason: 'type-not-allowed',
  });
  expect(storedFiles()).toHaveLength(1);
  expect(leftovers()).toEqual([]);
});

it('removes the temporary file when the upload is aborted midway', async () => {
  const source = new Readable({ read() {} });
  const storing = storeEvidenceFile(dir, source, limits);
  source.push(pdf());
  await new Promise((r) => setTimeout(r, 50));
  expect(leftovers()).toHaveLength(1); // written so far, not yet stored
  source.destroy(new Error('client went away'));
  await expect(storing).rejects.toThrow('client went away');
  expect(leftovers()).toEqual([]);
  expect(storedFiles()).toHaveLength(0);
});

it('reports a source that failed before storing began', async () => {
  const source = new Readable({ read() {} });
  source.on('error', () => undefined);
  source.destroy(new Error('unexpected end of form'));
  await expect(storeEvidenceFile(dir, source, limits)).rejects.toThrow('unexpected end of form');
  expect(leftovers()).toEqual([]);
});

describe('sweepEvidenceStorage', () => {
  const DAY = 86_400_000;
  const age = (file: string, days: number) => {
    const at = new Date(Date.now() - days * DAY);
    fs.utimesSync(file, at, at);
  };

  it('removes old content nothing refers to, and old partial uploads; keeps what is referred to or recent', async () => {
    const referenced = await storeEvidenceFile(dir, chunked(pdf()), limits);
    const refused = await storeEvidenceFile(dir, chunked(pdf()), limits);
    const recent = await storeEvidenceFile(dir, chunked(pdf()), limits);
    const text = await storeEvidenceText(dir, '整改说明：已补充巡诊记录。');
    for (const f of [referenced, refused, text]) age(evidenceFilePath(dir, f.sha256), 40);
    fs.mkdirSync(evidenceTempDir(dir), { recursive: true });
    const oldPart = path.join(evidenceTempDir(dir), 'crashed.part');
    const livePart = path.join(evidenceTempDir(dir), 'uploading.part');
    fs.writeFileSync(oldPart, 'x');
    fs.writeFileSync(livePart, 'y');
    age(oldPart, 40);
    fs.writeFileSync(path.join(dir, 'README'), 'not ours to judge');

    const asked: string[][] = [];
    const result = await sweepEvidenceStorage(
      dir,
      async (shas) => (asked.push(shas), new Set(shas.filter((s) => s === referenced.sha256))),
      Date.now() - 30 * DAY,
    );

    expect(result.removed.sort()).toEqual([refused.sha256, text.sha256].sort());
    expect(result).toMatchObject({ kept: 2, removedPartials: 1 });
    expect(fs.existsSync(evidenceFilePath(dir, referenced.sha256))).toBe(true);
    expect(fs.existsSync(evidenceFilePath(dir, recent.sha256))).toBe(true);
    expect(fs.existsSync(evidenceFilePath(dir, refused.sha256))).toBe(false);
    expect(fs.existsSync(oldPart)).toBe(false);
    expect(fs.existsSync(livePart)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'README'))).toBe(true);
    // Only old candidates are looked up, never the recent one.
    expect(asked.flat()).not.toContain(recent.sha256);

    // Nothing left to do: a second run removes nothing.
    expect(
      await sweepEvidenceStorage(dir, async () => new Set([referenced.sha256]), Date.now() - 30 * DAY),
    ).toMatchObject({ removed: [], kept: 2, removedPartials: 0 });
  });

  it('storing the same content again restarts its grace period', async () => {
    const content = pdf();
    const first = await storeEvidenceFile(dir, chunked(content), limits);
    age(evidenceFilePath(dir, first.sha256), 40);
    await storeEvidenceFile(dir, chunked(content), limits);
    const text = await storeEvidenceText(dir, 'same words');
    age(evidenceFilePath(dir, text.sha256), 40);
    await storeEvidenceText(dir, 'same words');

    const result = await sweepEvidenceStorage(dir, async () => new Set(), Date.now() - 30 * DAY);
    expect(result).toMatchObject({ removed: [], kept: 2 });
  });

  it('keeps content an upload reuses while the sweep runs, and stores content again once it is gone', async () => {
    const content = pdf();
    const stored = await storeEvidenceFile(dir, chunked(content), limits);
    const file = evidenceFilePath(dir, stored.sha256);
    age(file, 40);
    // The upload touches the file after the sweep listed it as old, before the sweep removes it.
    const result = await sweepEvidenceStorage(
      dir,
      async () => (await storeEvidenceFile(dir, chunked(content), limits), new Set()),
      Date.now() - 30 * DAY,
    );
    expect(result).toMatchObject({ removed: [], kept: 1 });
    expect(fs.readFileSync(file).equals(content)).toBe(true);
    expect(leftovers()).toEqual([]);

    age(file, 40);
    expect((await sweepEvidenceStorage(dir, async () => new Set(), Date.now() - 30 * DAY)).removed).toEqual([
      stored.sha256,
    ]);
    await storeEvidenceFile(dir, chunked(content), limits);
    expect(fs.readFileSync(file).equals(content)).toBe(true);
  });

  it('copes with storage that does not exist yet', async () => {
    expect(await sweepEvidenceStorage(path.join(dir, 'never-used'), async () => new Set(), Date.now())).toEqual({
      removed: [],
      kept: 0,
      removedPartials: 0,
    });
  });
});

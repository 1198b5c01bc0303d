import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTextValidator, SNIFF_BYTES, sniffContentType } from './content-type';

/**
 * Content-addressed evidence files: `<dir>/<sha256[0..2]>/<sha256>`. Identical content is
 * stored once, and a stored file is never replaced.
 */

export interface StoredEvidenceFile {
  sha256: string;
  size: number;
  contentType: string;
}

export class EvidenceFileRejected extends Error {
  constructor(
    readonly reason: 'too-large' | 'type-not-allowed',
    message: string,
    readonly detectedType?: string,
  ) {
    super(message);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function evidenceFilePath(dir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** Temporary files live inside the evidence folder so that moving one into place is a rename on one file system. */
export function evidenceTempDir(dir: string): string {
  return path.join(dir, '.tmp');
}

/**
 * Content stored again: the sweep's grace period counts from its latest upload, not its first.
 * False when the file is gone (the sweep took it), so the caller stores it afresh.
 */
async function touch(target: string): Promise<boolean> {
  const now = new Date();
  try {
    await fs.promises.utimes(target, now, now);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Moves a finished temporary file to its address, unless that address is already taken. */
async function placeAtAddress(tmp: string, target: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  for (;;) {
    try {
      // link() fails with EEXIST where rename() would replace: the first stored copy wins, atomically.
      await fs.promises.link(tmp, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        if (await touch(target)) return;
        continue; // swept between the two calls: link again
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      // File systems without hard links: rename, accepting that a concurrent
      // upload of the same content may replace it with identical bytes.
      if (!(await touch(target))) await fs.promises.rename(tmp, target);
      return;
    }
  }
}

/**
 * Streams one file into storage: hashes while writing to a temporary file, enforces the size
 * limit and the allowed types (sniffed from the content) while streaming, then moves it to its
 * content address. On any failure the temporary file is removed and the error rethrown.
 */
export async function storeEvidenceFile(
  dir: string,
  source: AsyncIterable<Buffer | Uint8Array>,
  limits: { maxBytes: number; allowedTypes: readonly string[] },
): Promise<StoredEvidenceFile> {
  const tmpDir = evidenceTempDir(dir);
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${randomUUID()}.part`);
  const file = await fs.promises.open(tmp, 'wx', 0o640);
  let closed = false;
  try {
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer[] | undefined = [];
    let contentType: string | undefined;
    let text: ReturnType<typeof createTextValidator> | undefined;

    const decide = (bytes: Buffer, complete: boolean) => {
      contentType = sniffContentType(bytes.subarray(0, SNIFF_BYTES), complete);
      if (!contentType || !limits.allowedTypes.includes(contentType)) {
        throw new EvidenceFileRejected(
          'type-not-allowed',
          `the content is ${contentType ?? 'of no recognized type'}; allowed: ${limits.allowedTypes.join(', ')}`,
          contentType,
        );
      }
      if (contentType === 'text/plain') {
        text = createTextValidator();
        text.push(bytes);
      }
    };

    for await (const piece of source) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      size += chunk.length;
      if (size > limits.maxBytes)
        throw new EvidenceFileRejected('too-large', `the file is larger than ${limits.maxBytes} bytes`);
      hash.update(chunk);
      if (head) {
        head.push(chunk);
        const bytes = Buffer.concat(head);
        if (bytes.length >= SNIFF_BYTES) {
          head = undefined;
          decide(bytes, false);
        }
      } else if (text && !text.push(chunk)) {
        throw new EvidenceFileRejected(
          'type-not-allowed',
          'the content is not valid UTF-8 text',
          'application/octet-stream',
        );
      }
      await file.write(chunk);
    }
    if (head) decide(Buffer.concat(head), true);
    if (text && !text.end())
      throw new EvidenceFileRejected(
        'type-not-allowed',
        'the content is not valid UTF-8 text',
        'application/octet-stream',
      );

    // Evidence is a record: it must survive a crash once the submission says it exists.
    await file.sync();
    await file.close();
    closed = true;
    const sha256 = hash.digest('hex');
    await placeAtAddress(tmp, evidenceFilePath(dir, sha256));
    return { sha256, size, contentType: contentType! };
  } finally {
    if (!closed) await file.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
  }
}

/**
 * Stores a submitted text at its content address, like a file. Texts have no length limit, so they
 * travel to the workflow as references, never inside its (size-limited) payloads.
 */
export async function storeEvidenceText(dir: string, text: string): Promise<{ sha256: string; length: number }> {
  const bytes = Buffer.from(text, 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = evidenceFilePath(dir, sha256);
  if (!(await touch(target))) {
    const tmpDir = evidenceTempDir(dir);
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    try {
      const file = await fs.promises.open(tmp, 'wx', 0o640);
      await file.writeFile(bytes);
      await file.sync();
      await file.close();
      await placeAtAddress(tmp, target);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }
  return { sha256, length: text.length };
}

export async function readEvidenceText(dir: string, sha256: string): Promise<string> {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return fs.promises.readFile(evidenceFilePath(dir, sha256), 'utf8');
}

export interface SweepResult {
  /** Content addresses removed: no record refers to them and nothing stored them within the grace period. */
  removed: string[];
  kept: number;
  /** Temporary files left by interrupted uploads. */
  removedPartials: number;
}

/**
 * Removes stored content nothing refers to: files of refused or abandoned uploads, and texts once
 * their submission is recorded (its row holds the text). Only content untouched for the grace
 * period goes, so an upload in flight, or an activity that will still read a text, is never robbed.
 */
export async function sweepEvidenceStorage(
  dir: string,
  referenced: (sha256s: string[]) => Promise<Set<string>>,
  olderThanMs: number,
  onFolderDone?: () => unknown,
): Promise<SweepResult> {
  const result: SweepResult = { removed: [], kept: 0, removedPartials: 0 };
  const entries = async (folder: string) =>
    fs.promises
      .readdir(folder, { withFileTypes: true })
      .catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const old = async (file: string) => (await fs.promises.stat(file).catch(() => undefined))?.mtimeMs ?? Infinity;
  const remove = (file: string) => fs.promises.rm(file, { force: true });

  for (const part of await entries(evidenceTempDir(dir))) {
    const file = path.join(evidenceTempDir(dir), part.name);
    if (part.isFile() && (await old(file)) < olderThanMs) {
      await remove(file);
      result.removedPartials += 1;
    }
  }
  for (const prefix of await entries(dir)) {
    if (!prefix.isDirectory() || !/^[0-9a-f]{2}$/.test(prefix.name)) continue;
    const candidates: string[] = [];
    for (const entry of await entries(path.join(dir, prefix.name))) {
      if (!entry.isFile() || !isSha256(entry.name) || !entry.name.startsWith(prefix.name)) continue;
      if ((await old(evidenceFilePath(dir, entry.name))) < olderThanMs) candidates.push(entry.name);
      else result.kept += 1;
    }
    const inUse = candidates.length ? await referenced(candidates) : new Set<string>();
    for (const sha256 of candidates) {
      if (inUse.has(sha256) || !(await removeUnlessReused(dir, sha256, olderThanMs))) result.kept += 1;
      else result.removed.push(sha256);
    }
    await onFolderDone?.();
  }
  return result;
}

/**
 * Removes one stored file unless an upload is reusing it. The file is first renamed away, which an
 * upload's touch either preceded (its mtime is then fresh, and the file goes back) or follows (the
 * upload finds no file and stores the content again). Either way no upload is left without it.
 */
async function removeUnlessReused(dir: string, sha256: string, olderThanMs: number): Promise<boolean> {
  const target = evidenceFilePath(dir, sha256);
  const held = path.join(evidenceTempDir(dir), `${sha256}.${randomUUID()}.sweep`);
  await fs.promises.mkdir(evidenceTempDir(dir), { recursive: true });
  try {
    await fs.promises.rename(target, held);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const reused = (await fs.promises.stat(held)).mtimeMs >= olderThanMs;
  // Put back the way an upload stores: if one already stored it again, that copy stays.
  if (reused) await placeAtAddress(held, target);
  await fs.promises.rm(held, { force: true });
  return !reused;
}

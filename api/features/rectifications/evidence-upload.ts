import type { Request } from 'express';
import busboy from 'busboy';
import type { EvidenceSettings } from '../../../platform/config';
import { EvidenceFileRejected, storeEvidenceFile } from '../../../platform/evidence-storage';
import type { EvidenceFileRef } from '../../../messages/rectification-messages';
import { ProblemError } from '../../problem';
import { assertStorableText } from '../../unstorable-text';

export interface EvidenceUpload {
  files: EvidenceFileRef[];
  texts: { findingId: string; text: string }[];
}

/** More text parts than any set of findings needs; each may be of any length. */
const MAX_TEXT_PARTS = 1000;
const MAX_FILENAME_CHARS = 255;

const malformed = (detail: string) => new ProblemError('evidence-malformed', detail);

function cleanFilename(name: string | undefined): string {
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean ? Array.from(clean).slice(0, MAX_FILENAME_CHARS).join('') : 'unnamed';
}

/** `file` or `file:<findingId>`, `text:<findingId>`: the part's role and the finding it is for. */
function partName(
  name: string,
  findingIds: ReadonlySet<string>,
  untargetedText: boolean,
): { kind: 'file' | 'text'; findingId?: string } {
  const match = /^(file|text)(?::(.+))?$/.exec(name);
  if (!match) throw malformed(`part "${name}": expected "file", "file:<findingId>" or "text:<findingId>"`);
  const [, kind, findingId] = match as unknown as [string, 'file' | 'text', string | undefined];
  if (kind === 'text' && findingId === undefined && !untargetedText)
    throw malformed(`part "${name}": a text must name its finding, as "text:<findingId>"`);
  if (findingId !== undefined && !findingIds.has(findingId))
    throw malformed(
      `part "${name}": this rectification has no finding ${findingId}; its findings: ${[...findingIds].join(', ')}`,
    );
  return { kind, findingId };
}

/**
 * Reads a multipart evidence upload, storing each file as it streams in. Resolves once every
 * file is at its content address; on any failure rejects with the problem naming the part,
 * after the failed parts' temporary files are gone. The rest of a refused body is read and
 * discarded (up to the body limit), so the client gets the answer instead of a reset.
 */
export function readEvidenceUpload(
  req: Request,
  settings: EvidenceSettings,
  findingIds: ReadonlySet<string>,
  /** Representations (issue 12) have one text for the whole order: a part named just `text`. */
  opts: { untargetedText?: boolean } = {},
): Promise<EvidenceUpload> {
  return new Promise((resolve, reject) => {
    const files: (EvidenceFileRef | undefined)[] = [];
    const texts: EvidenceUpload['texts'] = [];
    const storing: Promise<unknown>[] = [];
    /** The first failure wins; a file system error is the server's fault, not the client's (500). */
    let failure: Error | undefined;
    let received = 0;

    const settle = () => {
      void Promise.allSettled(storing).then(() => {
        if (failure) return reject(failure);
        if (files.length === 0 && texts.length === 0) return reject(malformed('the upload holds no file and no text'));
        resolve({ files: files as EvidenceFileRef[], texts });
      });
    };
    let parser: busboy.Busboy | undefined;
    const fail = (problem: Error) => {
      if (failure) return;
      failure = problem;
      if (parser) {
        req.unpipe(parser);
        parser.destroy();
      }
      if (!req.complete) req.resume();
      settle();
    };
    const guard = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        fail(error instanceof ProblemError ? error : malformed((error as Error).message));
      }
    };

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= settings.maxBodyBytes) return;
      fail(new ProblemError('evidence-too-large', `the upload is larger than ${settings.maxBodyBytes} bytes`));
      // A refused body is read and dropped so the client sees the answer, but not without end.
      if (received > 2 * settings.maxBodyBytes) req.destroy();
    });
    req.on('close', () => {
      if (!req.complete) fail(malformed('the client ended the upload before it was complete'));
    });

    const declared = Number(req.headers['content-length']);
    if (declared > settings.maxBodyBytes)
      return fail(
        new ProblemError(
          'evidence-too-large',
          `the upload is ${declared} bytes; at most ${settings.maxBodyBytes} are accepted`,
        ),
      );
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: settings.maxFiles, fields: MAX_TEXT_PARTS, fieldSize: settings.maxBodyBytes },
      });
    } catch (error) {
      return fail(malformed(`expected a multipart/form-data body: ${(error as Error).message}`));
    }

    parser.on('file', (name, stream, info) => {
      guard(() => {
        // Errors reach storeEvidenceFile through its iteration; one before that starts must not go unheard.
        stream.on('error', () => undefined);
        if (failure) return void stream.resume();
        const part = partName(name, findingIds, opts.untargetedText ?? false);
        if (part.kind !== 'file') throw malformed(`part "${name}" is a file; a text part must not have a filename`);
        const filename = cleanFilename(info.filename);
        const label = `part "${name}" (${filename})`;
        const slot = files.push(undefined) - 1;
        const stored = storeEvidenceFile(settings.dir, stream, {
          maxBytes: settings.maxFileBytes,
          allowedTypes: settings.allowedTypes,
        }).then(
          (file) => {
            files[slot] = { ...(part.findingId ? { findingId: part.findingId } : {}), filename, ...file };
          },
          (error) => {
            if (error instanceof EvidenceFileRejected) {
              const type = error.reason === 'too-large' ? 'evidence-too-large' : 'evidence-type-not-allowed';
              fail(
                new ProblemError(type, `${label}: ${error.message}`, {
                  part: name,
                  filename,
                  ...(error.detectedType ? { detectedType: error.detectedType } : {}),
                }),
              );
            } else if ((error as NodeJS.ErrnoException).syscall) fail(error as Error);
            else fail(malformed(`${label}: ${(error as Error).message}`));
          },
        );
        storing.push(stored);
      });
    });
    parser.on('field', (name, value, info) => {
      guard(() => {
        if (failure) return;
        const part = partName(name, findingIds, opts.untargetedText ?? false);
        if (part.kind !== 'text') throw malformed(`part "${name}" must be a file, sent with a filename`);
        if (info.valueTruncated)
          throw new ProblemError('evidence-too-large', `part "${name}": the text is larger than the upload limit`);
        assertStorableText({ [`parts.${name}`]: value });
        texts.push({ findingId: part.findingId!, text: value });
      });
    });
    parser.on('filesLimit', () =>
      fail(new ProblemError('evidence-too-large', `more than ${settings.maxFiles} files in one upload`)),
    );
    parser.on('fieldsLimit', () =>
      fail(new ProblemError('evidence-too-large', `more than ${MAX_TEXT_PARTS} text parts in one upload`)),
    );
    parser.on('error', (error: Error) => fail(malformed(`the multipart body is malformed: ${error.message}`)));
    parser.on('close', () => {
      if (!failure) settle();
    });
    req.pipe(parser);
  });
}

import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express, { ErrorRequestHandler } from 'express';
import { readEvidenceUpload } from '../../api/features/rectifications/evidence-upload';
import { ProblemError } from '../../api/problem';
import { evidenceTempDir } from '../../platform/evidence-storage';

let dir: string;
let baseUrl: string;
let close: () => Promise<void>;
const MAX_BODY = 4 * 1024 * 1024;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-upload-'));
  const settings = {
    dir,
    maxFileBytes: 1024 * 1024,
    maxFiles: 5,
    maxBodyBytes: MAX_BODY,
    allowedTypes: ['application/pdf'],
  };
  const app = express();
  app.post('/upload', async (req, res) => {
    res.status(201).json(await readEvidenceUpload(req, settings, new Set(['F1', 'F2'])));
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    res
      .status(error instanceof ProblemError ? error.status : 500)
      .json(error instanceof ProblemError ? error.toJSON() : { detail: String(error) });
  };
  app.use(onError);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function post(body: FormData | ReadableStream, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/upload`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { status: res.status, body: (await res.json()) as any };
}
const leftovers = () => (fs.existsSync(evidenceTempDir(dir)) ? fs.readdirSync(evidenceTempDir(dir)) : []);

it('reads texts past busboy’s 1 MB field default and keeps UTF-8 filenames', async () => {
  const text = '整改'.repeat(600_000); // 3.6 MB of UTF-8
  const form = new FormData();
  form.append('text:F2', text);
  form.append('file:F1', new Blob(['%PDF-1.7\n']), '整改报告（第二版）.pdf');
  const res = await post(form);
  expect(res.status).toBe(201);
  expect(res.body.texts).toEqual([{ findingId: 'F2', text }]);
  expect(res.body.files).toEqual([
    {
      findingId: 'F1',
      filename: '整改报告（第二版）.pdf',
      contentType: 'application/pdf',
      size: 9,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    },
  ]);
});

it('refuses a body over the limit from its declared length, and while streaming one of no declared length', async () => {
  const form = new FormData();
  form.append('text:F1', 'x'.repeat(MAX_BODY));
  const declared = await post(form);
  expect(declared).toMatchObject({ status: 413, body: { type: '/problems/evidence-too-large' } });

  const chunk = new TextEncoder().encode('y'.repeat(64 * 1024));
  let sent = 0;
  const endless = new ReadableStream({
    start(stream) {
      stream.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="text:F1"\r\n\r\n'));
    },
    pull(stream) {
      sent += chunk.length;
      if (sent > 3 * MAX_BODY) return stream.close();
      stream.enqueue(chunk);
    },
  });
  const streamed = await post(endless, { 'content-type': 'multipart/form-data; boundary=b' });
  expect(streamed).toMatchObject({
    status: 413,
    body: { detail: expect.stringContaining(`larger than ${MAX_BODY} bytes`) },
  });
  // The answer came at the limit; past twice the limit the server stops reading and drops the connection.
  expect(sent).toBeLessThan(3 * MAX_BODY);
  expect(leftovers()).toEqual([]);
});

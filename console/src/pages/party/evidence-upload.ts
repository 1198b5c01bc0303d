import { ApiProblem } from '../../api/problem';

export interface EvidenceLimits {
  allowedTypes: string[];
  maxFileBytes: number;
  maxFiles: number;
  maxBodyBytes: number;
}

/** The API detects types from the bytes; before sending, the browser's type (or the name's) stands in for it. */
const byExtension: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
};

export function typeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return byExtension[ext] ?? '';
}

export type Refusal = { reason: 'type'; type: string } | { reason: 'size'; size: number };

export function refusalOf(file: File, limits: EvidenceLimits): Refusal | undefined {
  const type = typeOf(file);
  if (!limits.allowedTypes.includes(type)) return { reason: 'type', type };
  if (file.size > limits.maxFileBytes) return { reason: 'size', size: file.size };
  return undefined;
}

export interface Receipt {
  submissionId: string;
  receivedAt: string;
  files: { filename: string; size: number; sha256: string }[];
}

/**
 * Sends the files in one multipart upload, reporting each file's progress: the parts go in order,
 * so the bytes sent so far tell how far along each file is.
 */
export function uploadEvidence(options: {
  url: string;
  csrfToken?: string;
  idempotencyKey: string;
  parts: { name: string; file: File }[];
  onProgress: (perFile: number[]) => void;
}): Promise<Receipt> {
  const { parts } = options;
  const form = new FormData();
  for (const p of parts) form.append(p.name, p.file, p.file.name);
  const total = parts.reduce((n, p) => n + p.file.size, 0);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    xhr.upload.onprogress = (event) => {
      // Multipart framing adds a little to the total: scale the file bytes to what was sent.
      const sent = event.lengthComputable ? (event.loaded / event.total) * total : 0;
      let before = 0;
      options.onProgress(
        parts.map((p) => {
          const done = Math.min(Math.max(sent - before, 0), p.file.size);
          before += p.file.size;
          return p.file.size === 0 ? 1 : done / p.file.size;
        }),
      );
    };
    xhr.onload = () => {
      const body = xhr.response as Record<string, unknown> | null;
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress(parts.map(() => 1));
        resolve(body as unknown as Receipt);
      } else {
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        reject(
          new ApiProblem(
            xhr.status,
            text(body?.type) || `/problems/http-${xhr.status}`,
            text(body?.title) || xhr.statusText,
            text(body?.detail),
          ),
        );
      }
    };
    xhr.onerror = () => reject(new ApiProblem(0, '/problems/network', 'network', 'the upload did not reach the API'));
    xhr.send(form);
  });
}

/**
 * `verbatim models pull ID`: downloads a feature-extraction model (config, tokenizer, ONNX
 * weights) from a hub laid out as `{base}/{id}/resolve/main/{file}` into the user's embedders
 * folder, for users who have internet. Nothing else in Verbatim downloads. The files go to a
 * temporary sibling folder first, each checked against the size the server announced (and its
 * sha256 when the server gives one), and the folder is renamed into place only when all are
 * complete, so an interrupted pull never leaves a half model that would load.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { VerbatimError } from '../../pipeline/errors.js';
import { EMBEDDER_REQUIRED_FILES, EMBEDDERS_SUBDIR } from '../embedder.js';

/** Optional weights fetched when present (a 404 skips them). */
export const EMBEDDER_OPTIONAL_FILES = ['onnx/model_quantized.onnx'];

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$/;

export const PullOptionsSchema = z.object({
  /** `name` or `owner/name`; becomes the folder under `<modelsDir>/embedders/`. */
  id: z.string().regex(ID_RE, 'letters, digits, ".", "_", "-", at most one "/"'),
  /** Hub base URL (`http://` or `https://`), without the trailing `/{id}/resolve/main`. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** User model folder. */
  modelsDir: z.string().min(1),
  /** Also fetch `onnx/model_quantized.onnx` when the hub has it. @defaultValue true */
  quantized: z.boolean().default(true),
  /** Replace an existing folder of the same id. @defaultValue false */
  force: z.boolean().default(false),
  /** Seconds without a byte before giving up on a file. @defaultValue 60 */
  idleTimeoutS: z.number().positive().default(60),
});
export type PullOptions = z.input<typeof PullOptionsSchema>;

/** One downloaded file. */
export interface PulledFile {
  file: string;
  bytes: number;
  sha256: string;
  /** Whether the server gave a sha256 that was checked. */
  verifiedSha: boolean;
}

export interface PullResult {
  id: string;
  folder: string;
  files: PulledFile[];
}

/** A sha256 the server vouches for: `x-linked-etag` (large files) or a 64-hex `etag`. */
function announcedSha(headers: Headers): string | null {
  for (const name of ['x-linked-etag', 'etag']) {
    const value = headers.get(name)?.replace(/^W\//, '').replace(/"/g, '');
    if (value && /^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
  }
  return null;
}

/** Tries per file before a connection failure counts as an unreachable hub. */
const CONNECT_ATTEMPTS = 3;

const safeUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

async function download(
  url: string,
  target: string,
  idleTimeoutS: number,
  optional: boolean,
): Promise<PulledFile | null> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), idleTimeoutS * 1000);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleTimeoutS * 1000);
  };
  try {
    let response: Response | undefined;
    // A kept-alive connection the server has just closed fails at once: try again before
    // calling the hub unreachable.
    for (let attempt = 1; response === undefined; attempt++) {
      try {
        response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
      } catch (cause) {
        if (attempt < CONNECT_ATTEMPTS && !controller.signal.aborted) {
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          continue;
        }
        const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
        throw new VerbatimError(
          'SERVICE_UNREACHABLE',
          `model hub unreachable at ${safeUrl(url)}: ${reason}`,
          { reason },
          { cause },
        );
      }
    }
    if (response.status === 404 && optional) return null;
    if (response.status === 404 || response.status === 401 || response.status === 403) {
      throw new VerbatimError('INPUT_MISSING', `${safeUrl(url)}: HTTP ${response.status} (no such model or file)`, {
        reason: `HTTP ${response.status}`,
      });
    }
    if (!response.ok || response.body === null) {
      throw new VerbatimError('SERVICE_UNREACHABLE', `${safeUrl(url)}: HTTP ${response.status}`, {
        reason: `HTTP ${response.status}`,
      });
    }
    const announced = Number(response.headers.get('x-linked-size') ?? response.headers.get('content-length') ?? NaN);
    const expectedSha = announcedSha(response.headers);
    mkdirSync(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      touch();
      hash.update(chunk);
      bytes += chunk.length;
    });
    try {
      await pipeline(body, createWriteStream(target));
    } catch (cause) {
      throw new VerbatimError(
        'SERVICE_UNREACHABLE',
        `${safeUrl(url)}: download interrupted after ${bytes} bytes`,
        { reason: 'interrupted' },
        { cause },
      );
    }
    const sha256 = hash.digest('hex');
    if (Number.isFinite(announced) && announced !== bytes) {
      throw new VerbatimError('INPUT_UNREADABLE', `${safeUrl(url)}: ${bytes} bytes received, ${announced} announced`, {
        reason: 'size mismatch',
      });
    }
    if (expectedSha !== null && expectedSha !== sha256) {
      throw new VerbatimError(
        'INPUT_UNREADABLE',
        `${safeUrl(url)}: sha256 ${sha256} differs from the announced ${expectedSha}`,
        {
          reason: 'sha256 mismatch',
        },
      );
    }
    return { file: '', bytes, sha256, verifiedSha: expectedSha !== null };
  } finally {
    clearTimeout(timer);
  }
}

/** Downloads the model into `<modelsDir>/embedders/<id>`; returns what was written. */
export async function pullModel(given: PullOptions): Promise<PullResult> {
  const parsed = PullOptionsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VerbatimError(
      'USAGE',
      `models pull: ${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const options = parsed.data;
  const folder = join(options.modelsDir, EMBEDDERS_SUBDIR, options.id);
  if (existsSync(folder) && !options.force) {
    throw new VerbatimError('USAGE', `${folder} already exists (use --force to replace it)`, { file: folder });
  }
  const temp = `${folder}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const base = options.baseUrl.replace(/\/+$/, '');
  const files: PulledFile[] = [];
  try {
    const wanted = [
      ...EMBEDDER_REQUIRED_FILES.map((file) => ({ file, optional: false })),
      ...(options.quantized ? EMBEDDER_OPTIONAL_FILES.map((file) => ({ file, optional: true })) : []),
    ];
    for (const { file, optional } of wanted) {
      const url = `${base}/${options.id}/resolve/main/${file}`;
      const got = await download(url, join(temp, file), options.idleTimeoutS, optional);
      if (got !== null) files.push({ ...got, file });
    }
    if (existsSync(folder)) {
      const old = `${folder}.old-${randomBytes(4).toString('hex')}`;
      renameSync(folder, old);
      renameSync(temp, folder);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, folder);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return { id: options.id, folder, files };
}

/**
 * `verbatim models pull` against a local HTTP server laid out like a model hub and serving a
 * tiny BERT generated at test time: files land atomically, sizes and sha256 are checked, an
 * unreachable hub is exit 4, a missing hub setting is a usage error.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../models/embedder.js';
import { pullModel } from '../../models/embedding/index.js';
import { writeBertModel } from '../helpers/tiny-bert.js';

const BIN = fileURLToPath(new URL('../../bin/verbatim.js', import.meta.url));

// Each CLI call starts a Node process with tsx; on a loaded 2-core machine that alone can take
// tens of seconds, hence the long timeouts below.
/** Runs the CLI without blocking this process's event loop (the test server lives here). */
function runCliAsync(args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 300_000 },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

describe('models pull', () => {
  let root = '';
  let source = '';
  let server: Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vb-pull-'));
    source = join(root, 'hub-files');
    writeBertModel(source);
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = /^\/([^/]+\/[^/]+|[^/]+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      const path = match ? join(source, match[2] as string) : '';
      if (!match || (match[1] !== 'acme/tiny-bert' && match[1] !== 'acme/bad-sha') || !existsSync(path)) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = readFileSync(path);
      const sha = createHash('sha256').update(body).digest('hex');
      res.writeHead(200, {
        'content-length': body.length,
        'x-linked-etag': `"${match[1] === 'acme/bad-sha' && path.endsWith('.onnx') ? 'f'.repeat(64) : sha}"`,
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads the model files, verified, into <dir>/embedders/<id>, and the model loads', async () => {
    const modelsDir = join(root, 'models-a');
    const result = await pullModel({ id: 'acme/tiny-bert', baseUrl: base, modelsDir });
    expect(result.folder).toBe(join(modelsDir, 'embedders', 'acme', 'tiny-bert'));
    expect(result.files.map((f) => f.file)).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
    ]);
    for (const f of result.files) {
      expect(f.verifiedSha).toBe(true);
      expect(readFileSync(join(result.folder, f.file))).toEqual(readFileSync(join(source, f.file)));
    }
    // The optional quantized file was asked for and skipped on 404.
    expect(requests).toContain('/acme/tiny-bert/resolve/main/onnx/model_quantized.onnx');
    const embedder = await loadEmbedder({ model: 'acme/tiny-bert', modelsDir });
    expect(embedder.dimension).toBe(32);
    await embedder.dispose();
    await expect(pullModel({ id: 'acme/tiny-bert', baseUrl: base, modelsDir })).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('leaves nothing behind when a checksum differs or the model does not exist', async () => {
    const modelsDir = join(root, 'models-b');
    await expect(pullModel({ id: 'acme/bad-sha', baseUrl: base, modelsDir })).rejects.toMatchObject({
      code: 'INPUT_UNREADABLE',
      message: expect.stringMatching(/sha256 .* differs/),
    });
    await expect(pullModel({ id: 'acme/nothing', baseUrl: base, modelsDir })).rejects.toMatchObject({
      code: 'INPUT_MISSING',
    });
    const left = existsSync(join(modelsDir, 'embedders', 'acme'))
      ? readdirSync(join(modelsDir, 'embedders', 'acme'))
      : [];
    expect(left).toEqual([]);
  });

  it('through the CLI: pulls with --from, lists the embedder, and names the setting when no hub is given', async () => {
    const modelsDir = join(root, 'models-c');
    const pulled = await runCliAsync(
      ['models', 'pull', 'acme/tiny-bert', '--from', base, '--dir', modelsDir, '--json'],
      {
        VERBATIM_MODEL_HUB: undefined,
      },
    );
    expect(pulled.stderr).toBe('');
    expect(pulled.status).toBe(0);
    expect(JSON.parse(pulled.stdout).files).toHaveLength(4);
    const listed = await runCliAsync(['models', 'list', '--json'], { VERBATIM_MODELS_DIR: modelsDir });
    const rows = JSON.parse(listed.stdout) as { name: string; kind: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ name: 'acme/tiny-bert', kind: 'embedder' }));
    const viaEnv = await runCliAsync(['models', 'pull', 'acme/tiny-bert', '--force', '--dir', modelsDir], {
      VERBATIM_MODEL_HUB: base,
    });
    expect(viaEnv.status).toBe(0);
    const noHub = await runCliAsync(['models', 'pull', 'acme/tiny-bert', '--dir', modelsDir], {
      VERBATIM_MODEL_HUB: '',
    });
    expect(noHub.status).toBe(1);
    expect(noHub.stderr).toMatch(/--from URL or set VERBATIM_MODEL_HUB/);
  }, 600_000);

  it('exits 4 when the hub is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runCliAsync(
      ['models', 'pull', 'acme/tiny-bert', '--from', `http://127.0.0.1:${port}`, '--dir', join(root, 'models-d')],
      {},
    );
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/SERVICE_UNREACHABLE.*unreachable.*ECONNREFUSED/);
    expect(existsSync(join(root, 'models-d', 'embedders', 'acme', 'tiny-bert'))).toBe(false);
  }, 300_000);
});

/**
 * The local transformer folders under `<modelsDir>/embedders/` (`name` or `owner/name`), for
 * `verbatim models list`: only folders that hold every file the embedder needs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDER_REQUIRED_FILES, EMBEDDERS_SUBDIR } from '../embedder.js';

/** One usable embedder folder. */
export interface LocalEmbedder {
  /** What `--embed` accepts: `name` or `owner/name`. */
  id: string;
  folder: string;
  /** Size of `onnx/model.onnx` in bytes. */
  bytes: number;
  /** Whether `onnx/model_quantized.onnx` is there too. */
  quantized: boolean;
}

const complete = (folder: string) => EMBEDDER_REQUIRED_FILES.every((f) => existsSync(join(folder, f)));
const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

export function listEmbedders(modelsDir: string): LocalEmbedder[] {
  const root = join(modelsDir, EMBEDDERS_SUBDIR);
  if (!isDir(root)) return [];
  const ids: string[] = [];
  for (const entry of readdirSync(root).sort()) {
    // Temporary folders of an unfinished pull are not models.
    if (entry.includes('.partial-') || entry.includes('.old-') || !isDir(join(root, entry))) continue;
    if (complete(join(root, entry))) ids.push(entry);
    else
      for (const sub of readdirSync(join(root, entry)).sort()) {
        if (!sub.includes('.partial-') && !sub.includes('.old-') && complete(join(root, entry, sub)))
          ids.push(`${entry}/${sub}`);
      }
  }
  return ids.map((id) => {
    const folder = join(root, id);
    return {
      id,
      folder,
      bytes: statSync(join(folder, 'onnx', 'model.onnx')).size,
      quantized: existsSync(join(folder, 'onnx', 'model_quantized.onnx')),
    };
  });
}

/**
 * Codebook prototypes: each theme's label and definition, and each of its examples, embedded and
 * averaged into one unit vector per theme. A segment's cosine similarity to every prototype is a
 * feature of the embedding head, which helps a theme with few training examples: the codebook
 * already says what it is about.
 */
import type { Codebook } from '../codebooks/codebook.js';

/** The texts that stand for each theme, in label order (empty when a theme has none). */
export function prototypeTexts(codebook: Codebook, labels: readonly string[]): string[][] {
  const byId = new Map(codebook.themes.map((t) => [t.id as string, t]));
  return labels.map((label) => {
    const theme = byId.get(label);
    if (theme === undefined) return [];
    const head = theme.definition.trim() === '' ? theme.label : `${theme.label} : ${theme.definition}`;
    return [head, ...theme.examples].map((t) => t.trim()).filter((t) => t !== '');
  });
}

/** Unit-length mean of vectors; zeros when there are none. */
export function meanUnit(vectors: readonly Float32Array[], dimension: number): Float32Array {
  const out = new Float32Array(dimension);
  for (const v of vectors) for (let d = 0; d < dimension; d++) out[d] = (out[d] as number) + (v[d] as number);
  let norm = 0;
  for (let d = 0; d < dimension; d++) norm += (out[d] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < dimension; d++) out[d] = (out[d] as number) / norm;
  return out;
}

/**
 * Prototype vectors of every label, from one call to `embed` over all prototype texts.
 * `embed` returns unit vectors, so dot products are cosines.
 */
export async function buildPrototypes(
  codebook: Codebook,
  labels: readonly string[],
  dimension: number,
  embed: (texts: readonly string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  const texts = prototypeTexts(codebook, labels);
  const vectors = await embed(texts.flat());
  let start = 0;
  return texts.map((group) => {
    const own = vectors.slice(start, start + group.length);
    start += group.length;
    return meanUnit(own, dimension);
  });
}

/** The head's input: the embedding, then its cosine to each prototype times `weight`. */
export function headFeatures(
  embedding: Float32Array,
  prototypes: readonly Float32Array[],
  weight: number,
): Float32Array {
  const dim = embedding.length;
  const out = new Float32Array(dim + prototypes.length);
  out.set(embedding);
  prototypes.forEach((p, j) => {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += (embedding[d] as number) * (p[d] as number);
    out[dim + j] = weight * dot;
  });
  return out;
}

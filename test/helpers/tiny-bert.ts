/**
 * Builds a BERT-shaped ONNX encoder with seeded random weights, a WordPiece `tokenizer.json`
 * and a `config.json` into a folder, at test time: no binary is committed and nothing is
 * downloaded. Tests use a tiny shape (a few KB); `bench/embed.ts` uses the same builder at
 * MiniLM-L12 shape (12 layers, hidden 384). The graph is the standard post-LayerNorm BERT
 * encoder written with plain ONNX ops (opset 17), so onnxruntime fuses it as it would an export.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { seededRandom } from '../../models/linear/seeded-random.js';

const { onnx } = onnxProto;

/** Shape of the generated encoder. */
export interface BertShape {
  /** @defaultValue 2 */
  layers: number;
  /** @defaultValue 32 */
  hidden: number;
  /** @defaultValue 4 */
  heads: number;
  /** @defaultValue 64 */
  intermediate: number;
  /** Vocabulary size; synthetic word pieces pad the built-in list up to it. @defaultValue the list's size */
  vocabSize?: number;
  /** Extra whole words for the vocabulary (lower-case, accents folded), e.g. a corpus's words. */
  words?: readonly string[];
  /** @defaultValue 128 */
  maxPositions: number;
  /** @defaultValue 7 */
  seed: number;
}

export const TINY_BERT_SHAPE: BertShape = Object.freeze({
  layers: 2,
  hidden: 32,
  heads: 4,
  intermediate: 64,
  maxPositions: 128,
  seed: 7,
});

/** all-MiniLM-L12 / paraphrase-MiniLM-L12 geometry with a BERT-sized vocabulary. */
export const MINILM_L12_SHAPE: BertShape = Object.freeze({
  layers: 12,
  hidden: 384,
  heads: 12,
  intermediate: 1536,
  vocabSize: 30_522,
  maxPositions: 512,
  seed: 12,
});

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = '.,;:!?\'"()-/[]_%'.split('');
const BASE_WORDS = [
  'le la les de des du un une et est pas tres je il elle on nous vous ils a au aux en par pour avec',
  'sans sur dans que qui ne plus bien mal tout personnel medecin infirmiere infirmier accueil attente',
  'chambre repas douleur sortie soins service equipe explication explications information informations',
  'ecoute respect famille merci bruit froid chaud heures heure jours attendre peur plainte nom tel',
]
  .join(' ')
  .split(' ');

/** Lower-case, accents folded: what the tokenizer's BertNormalizer does before lookup. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The vocabulary in id order: specials, characters and `##` characters, words, synthetic pieces. */
export function buildVocabulary(shape: Pick<BertShape, 'vocabSize' | 'words'>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (token: string) => {
    if (token !== '' && !seen.has(token)) {
      seen.add(token);
      out.push(token);
    }
  };
  for (const t of [...SPECIALS, ...LETTERS, ...PUNCTUATION, ...LETTERS.map((c) => `##${c}`), ...BASE_WORDS]) add(t);
  for (const w of shape.words ?? []) {
    if (shape.vocabSize !== undefined && out.length >= shape.vocabSize) break;
    const folded = fold(w);
    if (/^[a-z0-9]+$/.test(folded)) add(folded);
  }
  // Pad with two- and three-letter continuation pieces, as a trained WordPiece vocabulary has.
  const target = shape.vocabSize ?? out.length;
  outer: for (const a of LETTERS) {
    for (const b of LETTERS) {
      if (out.length >= target) break outer;
      add(`##${a}${b}`);
    }
  }
  for (let k = 0; out.length < target; k++) add(`##${LETTERS[k % 26]}${LETTERS[Math.floor(k / 26) % 26]}x${k}`);
  return out;
}

/** A Hugging Face `tokenizers` WordPiece tokenizer (BERT uncased conventions). */
export function buildTokenizerJson(vocab: readonly string[], maxLength: number): unknown {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (content: string) => ({
    id: ids[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const token = (id: string) => ({ id, ids: [ids[id]], tokens: [id] });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': token('[CLS]'), '[SEP]': token('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/** Builds the ONNX graph; returns the serialized model. */
export function buildBertOnnx(shape: BertShape, vocabSize: number): Uint8Array {
  const { hidden: H, heads, intermediate: I, layers } = shape;
  if (H % heads !== 0) throw new Error(`hidden ${H} is not a multiple of heads ${heads}`);
  const headDim = H / heads;
  const random = seededRandom(shape.seed);
  const normal = (): number => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const floats = (name: string, dims: number[], fill: (i: number) => number): string => {
    const size = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = fill(i);
    initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(data.buffer),
      }),
    );
    return name;
  };
  const ints = (name: string, dims: number[], values: number[]): string => {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: onnx.TensorProto.DataType.INT64,
        rawData: new Uint8Array(data.buffer),
      }),
    );
    return name;
  };
  const weight = (name: string, dims: number[]) => floats(name, dims, () => 0.02 * normal());
  const constant = (name: string, value: number) => floats(name, [], () => value);
  let counter = 0;
  const op = (
    opType: string,
    inputs: string[],
    attributes: InstanceType<typeof onnx.AttributeProto>[] = [],
  ): string => {
    const output = `${opType.toLowerCase()}_${counter++}`;
    nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute: attributes }));
    return output;
  };
  const intAttr = (name: string, i: number) =>
    onnx.AttributeProto.create({ name, i, type: onnx.AttributeProto.AttributeType.INT });
  const intsAttr = (name: string, values: number[]) =>
    onnx.AttributeProto.create({ name, ints: values, type: onnx.AttributeProto.AttributeType.INTS });
  const floatAttr = (name: string, f: number) =>
    onnx.AttributeProto.create({ name, f, type: onnx.AttributeProto.AttributeType.FLOAT });
  const layerNorm = (x: string, prefix: string) =>
    op(
      'LayerNormalization',
      [x, floats(`${prefix}.gamma`, [H], () => 1), floats(`${prefix}.beta`, [H], () => 0)],
      [intAttr('axis', -1), floatAttr('epsilon', 1e-12)],
    );
  const dense = (x: string, prefix: string, from: number, to: number) =>
    op('Add', [op('MatMul', [x, weight(`${prefix}.weight`, [from, to])]), floats(`${prefix}.bias`, [to], () => 0)]);

  // Embeddings: word + token type + position, then LayerNorm.
  const words = op('Gather', [weight('embeddings.word', [vocabSize, H]), 'input_ids']);
  const types = op('Gather', [weight('embeddings.token_type', [2, H]), 'token_type_ids']);
  const seqLen = op('Gather', [op('Shape', ['input_ids']), ints('one_scalar', [], [1])], [intAttr('axis', 0)]);
  const positions = op('Range', [ints('zero_scalar', [], [0]), seqLen, 'one_scalar']);
  const positional = op('Gather', [weight('embeddings.position', [shape.maxPositions, H]), positions]);
  let x = layerNorm(op('Add', [op('Add', [words, types]), positional]), 'embeddings.ln');

  // Additive attention mask [B, 1, 1, S]: 0 where attended, -10000 on padding.
  const mask = op('Unsqueeze', [
    op('Cast', ['attention_mask'], [intAttr('to', onnx.TensorProto.DataType.FLOAT)]),
    ints('mask_axes', [2], [1, 2]),
  ]);
  const bias = op('Mul', [op('Sub', [constant('one', 1), mask]), constant('minus_big', -10_000)]);
  const splitShape = ints('split_heads', [4], [0, 0, heads, headDim]);
  const mergeShape = ints('merge_heads', [3], [0, 0, H]);
  const scale = constant('attention_scale', 1 / Math.sqrt(headDim));
  const sqrtHalf = constant('inv_sqrt2', Math.SQRT1_2);
  const half = constant('half', 0.5);

  for (let l = 0; l < layers; l++) {
    const p = `layer${l}`;
    const headsOf = (name: string, perm: number[]) =>
      op('Transpose', [op('Reshape', [dense(x, `${p}.${name}`, H, H), splitShape])], [intsAttr('perm', perm)]);
    const q = headsOf('query', [0, 2, 1, 3]);
    const k = headsOf('key', [0, 2, 3, 1]);
    const v = headsOf('value', [0, 2, 1, 3]);
    const scores = op('Add', [op('Mul', [op('MatMul', [q, k]), scale]), bias]);
    const probs = op('Softmax', [scores], [intAttr('axis', -1)]);
    const context = op('Reshape', [
      op('Transpose', [op('MatMul', [probs, v])], [intsAttr('perm', [0, 2, 1, 3])]),
      mergeShape,
    ]);
    const attended = layerNorm(op('Add', [dense(context, `${p}.attention_output`, H, H), x]), `${p}.attention_ln`);
    const up = dense(attended, `${p}.intermediate`, H, I);
    const gelu = op('Mul', [
      op('Mul', [up, half]),
      op('Add', [op('Erf', [op('Mul', [up, sqrtHalf])]), constant(`${p}.one`, 1)]),
    ]);
    x = layerNorm(op('Add', [dense(gelu, `${p}.output`, I, H), attended]), `${p}.output_ln`);
  }
  nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [x], output: ['last_hidden_state'], name: 'output' }));

  const tensorType = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({
          elemType,
          shape: onnx.TensorShapeProto.create({
            dim: dims.map((d) =>
              typeof d === 'number'
                ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
                : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
            ),
          }),
        }),
      }),
    });
  const INT64 = onnx.TensorProto.DataType.INT64;
  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    node: nodes,
    initializer: initializers,
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => tensorType(n, INT64, ['batch', 'sequence'])),
    output: [tensorType('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', H])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'verbatim-tiny-bert',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 17 })],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** What was written. */
export interface BuiltBert {
  /** The model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx). */
  dir: string;
  vocab: string[];
  /** Bytes of onnx/model.onnx. */
  modelBytes: number;
}

/** Writes a complete local model folder at `dir`. */
export function writeBertModel(dir: string, given: Partial<BertShape> = {}): BuiltBert {
  const shape: BertShape = { ...TINY_BERT_SHAPE, ...given };
  const vocab = buildVocabulary(shape);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const model = buildBertOnnx(shape, vocab.length);
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(buildTokenizerJson(vocab, shape.maxPositions)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: shape.maxPositions,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      architectures: ['BertModel'],
      model_type: 'bert',
      hidden_size: shape.hidden,
      num_hidden_layers: shape.layers,
      num_attention_heads: shape.heads,
      intermediate_size: shape.intermediate,
      vocab_size: vocab.length,
      max_position_embeddings: shape.maxPositions,
      type_vocab_size: 2,
      hidden_act: 'gelu',
      layer_norm_eps: 1e-12,
      pad_token_id: 0,
    }),
  );
  return { dir, vocab, modelBytes: model.length };
}

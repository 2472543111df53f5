/**
 * Writes a tiny random-weight GGUF v3 model (llama architecture, byte-fallback vocabulary,
 * ChatML template) so tests exercise node-llama-cpp's real loading and grammar code without
 * downloading weights. Its answers are noise shaped only by the grammar: never judge speed
 * or quality with it.
 *
 * Usage: `npx tsx src/llm/testing/write-tiny-gguf.ts <out.gguf>`
 *
 * Layout (GGUF v3): magic "GGUF", version, tensor count, metadata count; metadata key/values;
 * tensor infos (name, dims, type, offset); padding to the alignment; tensor data, each
 * tensor starting on an aligned offset.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const ALIGNMENT = 32;

/** GGUF metadata value types (gguf.h). */
const T = {
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
} as const;

/** SentencePiece token types as llama.cpp reads them. */
const TOKEN = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

type MetaValue =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "str"; value: string }
  | { type: "str[]"; value: string[] }
  | { type: "f32[]"; value: number[] }
  | { type: "i32[]"; value: number[] };

export interface TinyModelShape {
  embedding: number;
  heads: number;
  layers: number;
  feedForward: number;
  context: number;
  seed: number;
}

const DEFAULT_SHAPE: TinyModelShape = {
  embedding: 64,
  heads: 4,
  layers: 2,
  feedForward: 128,
  context: 2048,
  seed: 20260101,
};

/** Growable little-endian byte sink. */
class Bytes {
  private chunks: Buffer[] = [];
  length = 0;
  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Vocabulary: <unk>, <s>, </s>, ChatML markers, 256 byte tokens, printable ASCII pieces. */
function vocabulary(): { tokens: string[]; scores: number[]; types: number[]; imEnd: number } {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (text: string, type: number, score = 0) => {
    tokens.push(text);
    types.push(type);
    scores.push(score);
  };
  add("<unk>", TOKEN.UNKNOWN);
  add("<s>", TOKEN.CONTROL);
  add("</s>", TOKEN.CONTROL);
  add("<|im_start|>", TOKEN.CONTROL);
  const imEnd = tokens.length;
  add("<|im_end|>", TOKEN.CONTROL);
  for (let byte = 0; byte < 256; byte++) {
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`, TOKEN.BYTE);
  }
  // SentencePiece writes a space as U+2581; single printable characters keep common JSON
  // text one token per character, and everything else falls back to bytes.
  add("\u2581", TOKEN.NORMAL, -1);
  for (let code = 33; code < 127; code++) add(String.fromCharCode(code), TOKEN.NORMAL, -1);
  return { tokens, scores, types, imEnd };
}

/** Deterministic uniform noise (mulberry32) so every run writes the same file. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tensor {
  name: string;
  /** ggml order: dims[0] is the fastest-varying (input) dimension. */
  dims: number[];
  data: Float32Array;
}

export function tinyGguf(shape: Partial<TinyModelShape> = {}): Buffer {
  const s = { ...DEFAULT_SHAPE, ...shape };
  const vocab = vocabulary();
  const nVocab = vocab.tokens.length;
  const random = noise(s.seed);
  const matrix = (name: string, input: number, output: number): Tensor => {
    const data = new Float32Array(input * output);
    const scale = 1 / Math.sqrt(input);
    for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * scale;
    return { name, dims: [input, output], data };
  };
  const ones = (name: string, size: number): Tensor => ({
    name,
    dims: [size],
    data: new Float32Array(size).fill(1),
  });

  const tensors: Tensor[] = [matrix("token_embd.weight", s.embedding, nVocab)];
  for (let i = 0; i < s.layers; i++) {
    tensors.push(
      ones(`blk.${i}.attn_norm.weight`, s.embedding),
      matrix(`blk.${i}.attn_q.weight`, s.embedding, s.embedding),
      matrix(`blk.${i}.attn_k.weight`, s.embedding, s.embedding),
      matrix(`blk.${i}.attn_v.weight`, s.embedding, s.embedding),
      matrix(`blk.${i}.attn_output.weight`, s.embedding, s.embedding),
      ones(`blk.${i}.ffn_norm.weight`, s.embedding),
      matrix(`blk.${i}.ffn_gate.weight`, s.embedding, s.feedForward),
      matrix(`blk.${i}.ffn_up.weight`, s.embedding, s.feedForward),
      matrix(`blk.${i}.ffn_down.weight`, s.feedForward, s.embedding),
    );
  }
  tensors.push(
    ones("output_norm.weight", s.embedding),
    matrix("output.weight", s.embedding, nVocab),
  );

  const metadata: [string, MetaValue][] = [
    ["general.architecture", { type: "str", value: "llama" }],
    ["general.name", { type: "str", value: "resou-tiny-random" }],
    ["general.alignment", { type: "u32", value: ALIGNMENT }],
    ["general.file_type", { type: "u32", value: 0 }],
    ["llama.context_length", { type: "u32", value: s.context }],
    ["llama.embedding_length", { type: "u32", value: s.embedding }],
    ["llama.block_count", { type: "u32", value: s.layers }],
    ["llama.feed_forward_length", { type: "u32", value: s.feedForward }],
    ["llama.attention.head_count", { type: "u32", value: s.heads }],
    ["llama.attention.head_count_kv", { type: "u32", value: s.heads }],
    ["llama.rope.dimension_count", { type: "u32", value: s.embedding / s.heads }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "f32", value: 1e-5 }],
    ["llama.vocab_size", { type: "u32", value: nVocab }],
    ["tokenizer.ggml.model", { type: "str", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "str[]", value: vocab.tokens }],
    ["tokenizer.ggml.scores", { type: "f32[]", value: vocab.scores }],
    ["tokenizer.ggml.token_type", { type: "i32[]", value: vocab.types }],
    ["tokenizer.ggml.unknown_token_id", { type: "u32", value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: vocab.imEnd }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: true }],
    ["tokenizer.chat_template", { type: "str", value: CHATML_TEMPLATE }],
  ];

  const out = new Bytes();
  out.push(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.str(key);
    writeValue(out, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    out.str(tensor.name);
    out.u32(tensor.dims.length);
    for (const d of tensor.dims) out.u64(d);
    out.u32(0); // GGML_TYPE_F32
    out.u64(offset);
    offsets.push(offset);
    offset += alignUp(tensor.data.byteLength);
  }
  out.padTo(ALIGNMENT);
  for (const tensor of tensors) {
    out.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    out.padTo(ALIGNMENT);
  }
  return out.toBuffer();
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

function writeValue(out: Bytes, v: MetaValue): void {
  switch (v.type) {
    case "u32":
      out.u32(T.UINT32);
      out.u32(v.value);
      return;
    case "f32":
      out.u32(T.FLOAT32);
      out.f32(v.value);
      return;
    case "bool":
      out.u32(T.BOOL);
      out.push(Buffer.from([v.value ? 1 : 0]));
      return;
    case "str":
      out.u32(T.STRING);
      out.str(v.value);
      return;
    case "str[]":
      out.u32(T.ARRAY);
      out.u32(T.STRING);
      out.u64(v.value.length);
      for (const s of v.value) out.str(s);
      return;
    case "f32[]":
      out.u32(T.ARRAY);
      out.u32(T.FLOAT32);
      out.u64(v.value.length);
      for (const n of v.value) out.f32(n);
      return;
    case "i32[]":
      out.u32(T.ARRAY);
      out.u32(T.INT32);
      out.u64(v.value.length);
      for (const n of v.value) out.i32(n);
      return;
  }
}

export function writeTinyGguf(path: string, shape: Partial<TinyModelShape> = {}): number {
  const buffer = tinyGguf(shape);
  writeFileSync(path, buffer);
  return buffer.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: write-tiny-gguf.ts <out.gguf>");
    process.exit(2);
  }
  console.log(`wrote ${writeTinyGguf(path)} bytes to ${path}`);
}

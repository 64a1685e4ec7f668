/**
 * Runs one HTTP server under test in its own process, so the load generator never shares its event loop:
 *   node --import tsx bench/serve/server-process.ts serve|serve-nolog|bare|bare-v2 <model.onnx> <logDir>
 * Prints `READY <url>` and serves until killed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tensor } from 'onnxruntime-common';
import { sha256 } from '../../src/core/fs.js';
import { loadNative } from '../../src/core/native.js';
import { startModelServer } from '../../src/core/serve/server.js';

const [kind, modelPath, logDir] = process.argv.slice(2) as [string, string, string];
const bytes = readFileSync(modelPath);

type TensorCtor = new (t: string, d: unknown, dims: number[]) => Tensor;

/**
 * A bare node:http server around one session (one intra-op thread, as the server's): read the body, build the
 * feeds, run, answer JSON; no routing, validation, metrics, feedback or log.
 */
async function bareServer(
  feedsOf: (
    body: Buffer,
    req: IncomingMessage,
    tensor: TensorCtor,
    inputs: readonly string[],
  ) => Record<string, Tensor>,
  answerOf: (outputs: Record<string, Tensor>) => unknown,
): Promise<string> {
  const ort = await loadNative('onnxruntime-node');
  const Ctor = ort.Tensor as unknown as TensorCtor;
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const out = (await session.run(feedsOf(Buffer.concat(chunks), req, Ctor, session.inputNames))) as Record<
      string,
      Tensor
    >;
    const text = JSON.stringify(answerOf(out));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bare handler for KServe v1: parse the JSON rows, build one tensor per feature, answer per-row predictions. */
const bare = () =>
  bareServer(
    (body, _req, Ctor, names) => {
      const { instances } = JSON.parse(body.toString('utf8')) as { instances: Record<string, number>[] };
      const n = instances.length;
      const feeds: Record<string, Tensor> = {};
      for (const f of names) {
        const col = new Float32Array(n);
        for (let r = 0; r < n; r++) col[r] = instances[r]![f]!;
        feeds[f] = new Ctor('float32', col, [n, 1]);
      }
      return feeds;
    },
    (out) => {
      const labels = out.label!.data as string[];
      const probs = out.probabilities!.data as Float32Array;
      return {
        predictions: labels.map((label, i) => ({
          label,
          probabilities: Array.from(probs.subarray(i * 3, i * 3 + 3)),
        })),
      };
    },
  );

/**
 * The bare handler for Open Inference Protocol v2 with binary tensor data: read the JSON header, copy each raw
 * float32 tensor out of the body, answer the output tensors as v2 JSON (as `mlops serve` does).
 */
const bareV2 = () =>
  bareServer(
    (raw, req, Ctor) => {
      const headerLength = Number(req.headers['inference-header-content-length']);
      const header = JSON.parse(raw.toString('utf8', 0, headerLength)) as {
        inputs: { name: string; shape: number[]; parameters: { binary_data_size: number } }[];
      };
      let at = headerLength;
      const feeds: Record<string, Tensor> = {};
      for (const input of header.inputs) {
        const size = input.parameters.binary_data_size;
        const values = new Float32Array(size / 4);
        new Uint8Array(values.buffer).set(raw.subarray(at, at + size));
        at += size;
        feeds[input.name] = new Ctor('float32', values, input.shape);
      }
      return feeds;
    },
    (out) => ({
      outputs: Object.entries(out).map(([name, t]) => ({
        name,
        shape: t.dims,
        datatype: t.type,
        data: Array.from(t.data as ArrayLike<unknown>),
      })),
    }),
  );

async function serve(withLog: boolean): Promise<string> {
  const server = await startModelServer({
    models: [{ name: 'mlp', version: '1.0.0', path: modelPath, sha256: sha256(bytes) }],
    logDir: withLog ? logDir : undefined,
  });
  return server.url;
}

const url = kind === 'bare' ? await bare() : kind === 'bare-v2' ? await bareV2() : await serve(kind === 'serve');
process.stdout.write(`READY ${url}\n`);

/**
 * bench/serve: `mlops serve` under autocannon vs (a) onnxruntime-node called directly in a loop and (b) a bare
 * node:http handler calling onnxruntime directly (same HTTP layer; no routing, validation, logging or metrics),
 * all in the same run, on loopback only, with bounded request counts. Each server runs in its own process
 * (server-process.ts), so autocannon never shares an event loop with the server it measures.
 *
 *   node --import tsx bench/serve/run.ts [--quick]
 *
 * Latencies come from autocannon's per-response times (its own histogram rounds to whole milliseconds).
 * Targets: 256-row batches at most 15% slower than direct inference; single-row p99 at most 1.5x the bare handler.
 */

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import { loadNative } from '../../src/core/native.js';
import { mlpModel } from './model.js';

const quick = process.argv.includes('--quick');
const FEATURES = 32;
const LAYERS = 3;
const DATA = join(import.meta.dirname, '..', '.data', 'serve');

interface Stats {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Throughput from the latencies: with closed-loop clients, connections / mean latency (autocannon's own
 * request counter ticks once a second, too coarse for runs of a few seconds). */
function summarize(latencies: number[], seconds: number, connections = 1): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return {
    requests: sorted.length,
    seconds,
    rps: (connections * 1000 * sorted.length) / sorted.reduce((a, b) => a + b, 0),
    p50: q(0.5),
    p99: q(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

function rowsBody(n: number, names: string[]): string {
  const instances = Array.from({ length: n }, (_, r) =>
    Object.fromEntries(names.map((f, i) => [f, Math.sin(r * 31 + i)])),
  );
  return JSON.stringify({ instances });
}

async function direct(
  session: InferenceSession,
  Ctor: new (t: string, d: unknown, dims: number[]) => Tensor,
  names: string[],
  n: number,
  amount: number,
) {
  const feeds = Object.fromEntries(
    names.map((f, i) => [
      f,
      new Ctor(
        'float32',
        Float32Array.from({ length: n }, (_, r) => Math.sin(r * 31 + i)),
        [n, 1],
      ),
    ]),
  );
  for (let i = 0; i < 30; i++) await session.run(feeds);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < amount; i++) {
    const t = performance.now();
    await session.run(feeds);
    latencies.push(performance.now() - t);
  }
  return summarize(latencies, (performance.now() - start) / 1000);
}

/** The same rows as an Open Inference Protocol request with binary tensor data (no number parsing). */
function binaryBody(n: number, names: string[]): { body: Buffer; headerLength: number } {
  const tensors = names.map((_, i) => Float32Array.from({ length: n }, (_, r) => Math.sin(r * 31 + i)));
  const header = Buffer.from(
    JSON.stringify({
      inputs: names.map((name, i) => ({
        name,
        shape: [n, 1],
        datatype: 'FP32',
        parameters: { binary_data_size: tensors[i]!.byteLength },
      })),
    }),
  );
  return { body: Buffer.concat([header, ...tensors.map((t) => Buffer.from(t.buffer))]), headerLength: header.length };
}

async function cannon(
  url: string,
  body: string | Buffer,
  amount: number,
  connections = 1,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const run = async (count: number, record: boolean) => {
    const start = performance.now();
    const instance = autocannon({
      url,
      method: 'POST',
      body,
      headers,
      connections,
      amount: count,
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status !== 200) errors++;
      else if (record) latencies.push(responseTime);
    });
    await instance;
    return (performance.now() - start) / 1000;
  };
  await run(Math.min(200, amount), false);
  const seconds = await run(amount, true);
  if (errors > 0) throw new Error(`${errors} non-200 responses from ${url}`);
  return summarize(latencies, seconds, connections);
}

/** Starts a server under test in its own process (see server-process.ts) and returns its URL. */
async function spawnServer(kind: 'serve' | 'serve-nolog' | 'bare' | 'bare-v2', modelPath: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'server-process.ts'), kind, modelPath, join(DATA, 'log')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const fmt = (s: Stats) =>
  `${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(3).padStart(7)} ms  p99 ${s.p99.toFixed(3).padStart(7)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of each statistic over rounds: the machine is shared, so variants are interleaved round by round. */
function medianStats(runs: Stats[]): Stats {
  return {
    requests: runs.reduce((a, r) => a + r.requests, 0),
    seconds: runs.reduce((a, r) => a + r.seconds, 0),
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    mean: median(runs.map((r) => r.mean)),
  };
}

interface Variant {
  name: string;
  run(): Promise<Stats>;
}

async function interleaved(rounds: number, variants: Variant[]): Promise<Record<string, Stats>> {
  const all: Record<string, Stats[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) for (const v of variants) all[v.name]!.push(await v.run());
  return Object.fromEntries(Object.entries(all).map(([k, runs]) => [k, medianStats(runs)]));
}

async function scenario(
  hidden: number,
  opts: { single: boolean; singleAmount: number; batchAmount: number; rounds: number },
) {
  const { bytes, names } = mlpModel(FEATURES, hidden, LAYERS);
  const path = join(DATA, `mlp-${hidden}.onnx`);
  writeFileSync(path, bytes);
  const ort = await loadNative('onnxruntime-node');
  const Ctor = ort.Tensor as unknown as new (t: string, d: unknown, dims: number[]) => Tensor;
  // Same session options as the server's (one intra-op thread), so inference costs the same on all sides.
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const session = await ort.InferenceSession.create(bytes, options);
  const [bare, bareV2, logged, unlogged] = await Promise.all([
    spawnServer('bare', path),
    spawnServer('bare-v2', path),
    spawnServer('serve', path),
    spawnServer('serve-nolog', path),
  ]);
  const single = rowsBody(1, names);
  const batch = rowsBody(256, names);
  const binary = binaryBody(256, names);
  const binaryHeaders = {
    'content-type': 'application/octet-stream',
    'inference-header-content-length': String(binary.headerLength),
  };
  const v2 = (server: { url: string }) => `${server.url}/v2/models/mlp/infer`;
  const at = (server: { url: string }) => `${server.url}/v1/models/mlp:predict`;
  const title = `MLP ${FEATURES} float columns -> ${LAYERS} x ${hidden} ReLU -> 3 classes (${(bytes.length / 1e6).toFixed(1)} MB)`;
  const out: Record<string, Stats> = {};
  if (opts.single) {
    out['single: direct onnxruntime loop'] = await direct(session, Ctor, names, 1, opts.singleAmount);
    Object.assign(
      out,
      await interleaved(opts.rounds, [
        { name: 'single: bare node:http handler', run: () => cannon(bare.url, single, opts.singleAmount) },
        { name: 'single: mlops serve (prediction log on)', run: () => cannon(at(logged), single, opts.singleAmount) },
        { name: 'single: mlops serve (log off)', run: () => cannon(at(unlogged), single, opts.singleAmount) },
      ]),
    );
  }
  out['256-row: direct onnxruntime loop'] = await direct(session, Ctor, names, 256, opts.batchAmount);
  Object.assign(
    out,
    await interleaved(opts.rounds, [
      { name: '256-row: bare node:http handler', run: () => cannon(bare.url, batch, opts.batchAmount) },
      { name: '256-row: mlops serve (prediction log on)', run: () => cannon(at(logged), batch, opts.batchAmount) },
      { name: '256-row: mlops serve (log off)', run: () => cannon(at(unlogged), batch, opts.batchAmount) },
      {
        name: '256-row: bare node:http v2 binary handler',
        run: () => cannon(bareV2.url, binary.body, opts.batchAmount, 1, binaryHeaders),
      },
      {
        name: '256-row: mlops serve v2 binary (log on)',
        run: () => cannon(v2(logged), binary.body, opts.batchAmount, 1, binaryHeaders),
      },
      {
        name: '256-row: mlops serve v2 binary (log off)',
        run: () => cannon(v2(unlogged), binary.body, opts.batchAmount, 1, binaryHeaders),
      },
    ]),
  );
  await Promise.all([logged.close(), unlogged.close(), bare.close(), bareV2.close()]);
  console.log(`\n${title}; 1 connection, closed loop; medians of ${opts.rounds} interleaved rounds`);
  for (const [k, v] of Object.entries(out)) console.log(`  ${k.padEnd(42)} ${fmt(v)}`);
  const d = out['256-row: direct onnxruntime loop']!;
  for (const k of [
    '256-row: bare node:http handler',
    '256-row: mlops serve (prediction log on)',
    '256-row: mlops serve (log off)',
    '256-row: bare node:http v2 binary handler',
    '256-row: mlops serve v2 binary (log on)',
    '256-row: mlops serve v2 binary (log off)',
  ]) {
    console.log(
      `  ${k.replace('256-row: ', '')} vs direct (256 rows, throughput): ${((d.rps / out[k]!.rps - 1) * 100).toFixed(1)}% overhead`,
    );
  }
  if (opts.single) {
    const b = out['single: bare node:http handler']!;
    for (const k of ['single: mlops serve (prediction log on)', 'single: mlops serve (log off)']) {
      console.log(
        `  ${k.replace('single: ', '')} single-row p99 vs bare: x${(out[k]!.p99 / b.p99).toFixed(2)}, p50 x${(out[k]!.p50 / b.p50).toFixed(2)}`,
      );
    }
  }
  return { title, stats: out };
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  const medium = await scenario(512, {
    single: true,
    singleAmount: quick ? 1000 : 3000,
    batchAmount: quick ? 150 : 400,
    rounds: quick ? 3 : 5,
  });
  const large = await scenario(2048, {
    single: false,
    singleAmount: 0,
    batchAmount: quick ? 30 : 80,
    rounds: quick ? 1 : 3,
  });
  writeFileSync(join(DATA, 'results.json'), JSON.stringify({ medium, large }, null, 2));
}

await main();

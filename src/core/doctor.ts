/**
 * `mlops doctor`: proves that the native packages load on this machine (from node_modules or the tool cache,
 * installing them there when needed) by running real work with each: a DuckDB query and an ONNX inference.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MlopsError } from './errors.js';
import { loadNative, type NativeOrigin, nativeOrigin } from './native.js';
import { NATIVE_PACKAGES, type NativePackage } from './native-packages.js';

export interface NativeCheck {
  package: NativePackage;
  pinned: string;
  /** Version of the package that actually loaded. */
  version: string;
  origin: NativeOrigin;
  /** What was run with it, and its result. */
  probe: string;
  ok: boolean;
}

export const DOCTOR_TARGETS = { duckdb: '@duckdb/node-api', onnx: 'onnxruntime-node' } as const;
export type DoctorTarget = keyof typeof DOCTOR_TARGETS;

function packageVersion(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

async function checkDuckDb(log: (m: string) => void): Promise<Omit<NativeCheck, 'version' | 'origin'>> {
  const duckdb = await loadNative('@duckdb/node-api', { log });
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT 40 + 2 AS answer, version() AS engine');
    const [answer, engine] = reader.getRowsJson()[0] ?? [];
    return {
      package: '@duckdb/node-api',
      pinned: NATIVE_PACKAGES['@duckdb/node-api'],
      probe: `DuckDB ${String(engine)}: SELECT 40 + 2 = ${String(answer)}`,
      ok: Number(answer) === 42,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function checkOnnx(log: (m: string) => void): Promise<Omit<NativeCheck, 'version' | 'origin'>> {
  const ort = await loadNative('onnxruntime-node', { log });
  const session = await ort.InferenceSession.create(doublingModel());
  try {
    const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3]);
    const result = await session.run({ x });
    const y = Array.from((result.y?.data ?? []) as Float32Array);
    return {
      package: 'onnxruntime-node',
      pinned: NATIVE_PACKAGES['onnxruntime-node'],
      probe: `ONNX Add(x, x) on [1, 2, 3] = [${y.join(', ')}]`,
      ok: y.length === 3 && y[0] === 2 && y[1] === 4 && y[2] === 6,
    };
  } finally {
    await session.release();
  }
}

/** Loads and exercises each requested native package; throws MlopsError naming the one that failed. */
export async function runDoctor(
  targets: DoctorTarget[] = ['duckdb', 'onnx'],
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<NativeCheck[]> {
  const checks: NativeCheck[] = [];
  for (const target of targets) {
    const name = DOCTOR_TARGETS[target];
    let partial: Omit<NativeCheck, 'version' | 'origin'>;
    try {
      partial = target === 'duckdb' ? await checkDuckDb(log) : await checkOnnx(log);
    } catch (error) {
      if (error instanceof MlopsError) throw error;
      throw new MlopsError(`${name} could not be loaded or run: ${(error as Error).message}`, {
        kind: 'internal',
        cause: error,
        hint: 'Run `mlops doctor --verbose`; delete the tool cache entry named in the log to force a reinstall.',
      });
    }
    const origin = nativeOrigin(name)!;
    checks.push({ ...partial, version: packageVersion(origin.path, name), origin });
  }
  return checks;
}

// A minimal ONNX model, y = x + x for a float vector, encoded by hand so the probe needs nothing but the runtime.
function doublingModel(): Uint8Array {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  const field = (no: number, bytes: number[]): number[] => [
    ...varint((no << 3) | 2),
    ...varint(bytes.length),
    ...bytes,
  ];
  const int = (no: number, value: number): number[] => [...varint(no << 3), ...varint(value)];
  const str = (no: number, text: string): number[] => field(no, [...Buffer.from(text, 'utf8')]);
  const floatVector = (name: string) =>
    [...str(1, name), ...field(2, field(1, [...int(1, 1), ...field(2, field(1, str(2, 'N')))]))] as number[];
  const node = [...str(1, 'x'), ...str(1, 'x'), ...str(2, 'y'), ...str(3, 'double'), ...str(4, 'Add')];
  const graph = [
    ...field(1, node),
    ...str(2, 'doctor'),
    ...field(11, floatVector('x')),
    ...field(12, floatVector('y')),
  ];
  const opset = [...str(1, ''), ...int(2, 13)];
  return Uint8Array.from([...int(1, 8), ...str(2, 'mlops-doctor'), ...field(7, graph), ...field(8, opset)]);
}

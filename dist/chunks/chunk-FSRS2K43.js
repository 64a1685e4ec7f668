import { createRequire as __mlopsCreateRequire } from 'node:module';
const require = __mlopsCreateRequire(import.meta.url);
import {
  fingerprintInput
} from "./chunk-SG4DEFAW.js";
import {
  trainRun
} from "./chunk-YSQLHAHA.js";
import {
  DataType,
  GraphBuilder,
  encodeModel,
  readOnnxModelInfo
} from "./chunk-VBXKJTJT.js";
import {
  displaySource
} from "./chunk-OAHJURSF.js";
import {
  TOOL_VERSION,
  code,
  codeBlock,
  commonInputs,
  defineAction,
  details,
  envelope,
  fmt,
  heading,
  require_dist,
  signed,
  table,
  writeReport
} from "./chunk-XTHX7C6R.js";
import {
  external_exports
} from "./chunk-2342GB6D.js";
import {
  sha256,
  sha256File,
  writeFileAtomic
} from "./chunk-5AAGF42O.js";
import {
  loadNative
} from "./chunk-CAKWGMZF.js";
import {
  ExitCode,
  MlopsError,
  describeError
} from "./chunk-FZ3ZHXNS.js";
import {
  __toESM
} from "./chunk-K5WE2JX7.js";

// src/core/train/render.ts
function seconds(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
function paramText(value) {
  if (value === void 0) return "\u2014";
  return typeof value === "string" ? value : JSON.stringify(value);
}
function metricsTable(run) {
  const base = run.comparison;
  const names = [.../* @__PURE__ */ new Set([...Object.keys(run.metrics), ...Object.keys(base?.metrics ?? {})])].sort();
  if (names.length === 0) return "_No metrics were recorded._";
  if (!base)
    return table(
      ["Metric", "This run"],
      names.map((n) => [n, fmt(run.metrics[n])]),
      ["left", "right"]
    );
  return table(
    ["Metric", "This run", `Base ${base.runId}`, "\u0394"],
    names.map((n) => {
      const now = run.metrics[n];
      const then = base.metrics[n];
      const delta = typeof now === "number" && typeof then === "number" ? signed(now - then) : "\u2014";
      return [n, fmt(now), fmt(then), delta];
    }),
    ["left", "right", "right", "right"]
  );
}
function paramsTable(run) {
  const base = run.comparison;
  const names = [.../* @__PURE__ */ new Set([...Object.keys(run.params), ...Object.keys(base?.params ?? {})])].sort();
  if (names.length === 0) return "_No parameters._";
  if (!base)
    return table(
      ["Parameter", "This run"],
      names.map((n) => [n, paramText(run.params[n])])
    );
  return table(
    ["Parameter", "This run", "Base", ""],
    names.map((n) => {
      const now = paramText(run.params[n]);
      const then = paramText(base.params[n]);
      return [n, now, then, now === then ? "" : "changed"];
    })
  );
}
function lineage(run) {
  const lines = [];
  lines.push(
    table(
      ["", ""],
      [
        [
          "Commit",
          run.code.commit ? `${run.code.commit.slice(0, 12)}${run.code.dirty ? " (uncommitted changes)" : ""}` : "not a git repository"
        ],
        ["Trainer", run.trainer.kind === "baseline" ? `built-in ${run.trainer.baseline}` : run.trainer.command ?? ""],
        ["Params hash", run.paramsHash.slice(0, 16)],
        ["Cache key", run.cache.key],
        [
          "Environment",
          `${run.environment.os}, ${run.environment.arch}, ${run.environment.cpu.model} (${run.environment.cpu.cores} cores), Node ${run.environment.node}`
        ],
        ...run.environment.python ? [
          [
            "Python",
            `${run.environment.python.version} (${run.environment.python.executable}), ${Object.keys(run.environment.python.packages).length} packages`
          ]
        ] : []
      ]
    )
  );
  if (run.data.length > 0) {
    lines.push(
      "",
      table(
        ["Data", "Source", "Files", "Size", "sha256"],
        run.data.map((d) => [d.role, d.source, d.files.length, bytes(d.bytes), d.sha256.slice(0, 16)]),
        ["left", "left", "right", "right", "left"]
      )
    );
  }
  if (run.code.paths.length > 0) {
    lines.push(
      "",
      table(
        ["Code path", "sha256"],
        run.code.paths.map((p) => [p.path, p.sha256.slice(0, 16)])
      )
    );
  }
  return lines.join("\n");
}
var trainRunRenderer = {
  kind: "TrainRun",
  title: "Training run",
  markdown(run) {
    const out = [];
    const icon = run.status === "failed" ? "\u274C" : run.cache.hit ? "\u267B\uFE0F" : "\u2705";
    out.push(heading(2, `${icon} Training run ${code(run.runId)}${run.model.name ? ` \u2014 ${run.model.name}` : ""}`));
    if (run.status === "failed") {
      out.push(
        `The training command ${code(run.trainer.command ?? "")} failed with exit code ${run.exitCode ?? "none (killed)"} after ${seconds(run.durationMs)}.`
      );
      out.push(
        "",
        `Last ${run.logTail?.length ?? 0} lines of its output:`,
        "",
        codeBlock((run.logTail ?? []).join("\n") || "(no output)")
      );
    } else if (run.cache.hit) {
      out.push(
        `Cache hit: code, data, parameters and environment are unchanged since run ${code(run.cache.restoredRunId ?? "?")}, so its model was restored and training was skipped.`
      );
    } else {
      out.push(`Trained in ${seconds(run.durationMs)}.`);
    }
    if (run.artifact) {
      out.push(
        "",
        `Model: ${code(run.artifact.path)} (${bytes(run.artifact.bytes)}, sha256 ${code(run.artifact.sha256.slice(0, 16))})${run.model.task ? `, ${run.model.task}` : ""}${run.model.classes ? `, classes ${run.model.classes.join(", ")}` : ""}.`
      );
    }
    out.push("", heading(3, "Metrics"));
    if (run.comparison)
      out.push(
        `Compared with the latest run on the base branch: ${code(run.comparison.runId)} (${run.comparison.source}).`,
        ""
      );
    else out.push("No earlier run on the base branch to compare with.", "");
    out.push(
      metricsTable(run),
      "",
      heading(3, "Parameters"),
      paramsTable(run),
      "",
      details("Lineage: code, data, environment", lineage(run))
    );
    return out.join("\n");
  },
  checks(run) {
    return [
      {
        suite: "train",
        name: "training",
        status: run.status === "failed" ? "fail" : "pass",
        message: run.status === "failed" ? `training command exited with ${run.exitCode}` : run.cache.hit ? `cache hit: model of run ${run.cache.restoredRunId} restored` : `trained in ${seconds(run.durationMs)}`,
        details: run.status === "failed" ? (run.logTail ?? []).join("\n") : void 0
      }
    ];
  }
};

// src/core/train/run.ts
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync as existsSync6 } from "node:fs";
import { mkdir, readFile as readFile5, rm } from "node:fs/promises";
import { join as join4, relative } from "node:path";

// src/core/train/design.ts
var MAX_CATEGORIES = 50;
var SHARED_MIN_CELLS = 2e6;
function numericFeatures(features) {
  return features.filter((f) => f.kind === "numeric");
}
function categoricalFeatures(features) {
  return features.filter((f) => f.kind === "categorical");
}
function designWidth(features) {
  let width = 0;
  for (const f of features) width += f.kind === "numeric" ? 1 : f.categories.length;
  return width;
}
function column(columns, name) {
  const values = columns[name];
  if (!values) {
    throw new MlopsError(`Feature column "${name}" is not in the data.`, {
      kind: "input",
      where: { field: name },
      hint: "Check model.features in mlops.yaml against the data header."
    });
  }
  return values;
}
function fitFeatures(columns, names, rows, rowCount) {
  const n = rows ? rows.length : rowCount;
  return names.map((name) => {
    const values = column(columns, name);
    if (values instanceof Float64Array) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < n; k++) {
        const v = values[rows ? rows[k] : k];
        if (!Number.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      const mean = count > 0 ? sum / count : 0;
      let ss = 0;
      for (let k = 0; k < n; k++) {
        const v = values[rows ? rows[k] : k];
        if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
      }
      const std = count > 0 ? Math.sqrt(ss / count) : 0;
      return { kind: "numeric", name, mean, scale: std > 0 && Number.isFinite(std) ? std : 1 };
    }
    const counts = /* @__PURE__ */ new Map();
    for (let k = 0; k < n; k++) {
      const v = values[rows ? rows[k] : k] ?? "";
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    let categories = [...counts.keys()];
    if (categories.length > MAX_CATEGORIES) {
      categories = categories.sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, MAX_CATEGORIES);
    }
    categories.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
    return { kind: "categorical", name, categories };
  });
}
function buildDesign(features, columns, rows, rowCount) {
  const n = rows ? rows.length : rowCount;
  const width = designWidth(features);
  const cells = n * width;
  const x = cells >= SHARED_MIN_CELLS ? new Float64Array(new SharedArrayBuffer(cells * 8)) : new Float64Array(cells);
  const numeric = numericFeatures(features);
  const sources = numeric.map((f) => {
    const values = column(columns, f.name);
    if (!(values instanceof Float64Array)) {
      throw new MlopsError(`Column "${f.name}" was numeric in training but is not numeric here.`, {
        kind: "input",
        where: { field: f.name }
      });
    }
    return values;
  });
  const means = Float64Array.from(numeric, (f) => f.mean);
  const scales = Float64Array.from(numeric, (f) => f.scale);
  const p = numeric.length;
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k] : k;
    const o = k * width;
    for (let j = 0; j < p; j++) {
      const v = sources[j][r];
      x[o + j] = Number.isNaN(v) ? 0 : (v - means[j]) / scales[j];
    }
  }
  let offset = p;
  for (const f of categoricalFeatures(features)) {
    const values = column(columns, f.name);
    const index = new Map(f.categories.map((c, i) => [c, i]));
    for (let k = 0; k < n; k++) {
      const raw = values[rows ? rows[k] : k];
      const v = typeof raw === "number" ? String(raw) : raw ?? "";
      const i = index.get(v);
      if (i !== void 0) x[k * width + offset + i] = 1;
    }
    offset += f.categories.length;
  }
  return x;
}

// src/core/train/lbfgs.ts
function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function maxAbs(a) {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}
function minimizeLbfgs(objective, w0, options = {}) {
  const tol = options.tol ?? 1e-4;
  const maxIter = options.maxIter ?? 100;
  const m = options.memory ?? 10;
  const d = w0.length;
  let w = Float64Array.from(w0);
  let g = new Float64Array(d);
  let f = objective(w, g);
  let evaluations = 1;
  const sList = [];
  const yList = [];
  const rho = [];
  const alpha = new Float64Array(m);
  const dir = new Float64Array(d);
  let wNew = new Float64Array(d);
  let gNew = new Float64Array(d);
  let iterations = 0;
  let converged = maxAbs(g) <= tol;
  while (!converged && iterations < maxIter) {
    for (let i = 0; i < d; i++) dir[i] = -g[i];
    const k = sList.length;
    for (let j = k - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(sList[j], dir);
      const y2 = yList[j];
      const a = alpha[j];
      for (let i = 0; i < d; i++) dir[i] = dir[i] - a * y2[i];
    }
    if (k > 0) {
      const gamma = dot(sList[k - 1], yList[k - 1]) / dot(yList[k - 1], yList[k - 1]);
      for (let i = 0; i < d; i++) dir[i] = dir[i] * gamma;
    }
    for (let j = 0; j < k; j++) {
      const beta = rho[j] * dot(yList[j], dir);
      const s2 = sList[j];
      const c = alpha[j] - beta;
      for (let i = 0; i < d; i++) dir[i] = dir[i] + c * s2[i];
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < d; i++) dir[i] = -g[i];
      slope = dot(g, dir);
    }
    let step = k === 0 ? Math.min(1, 1 / Math.max(Math.sqrt(-slope), 1e-12)) : 1;
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < d; i++) wNew[i] = w[i] + step * dir[i];
      fNew = objective(wNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = wNew[i] - w[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const relativeDecrease = (f - fNew) / Math.max(Math.abs(f), Math.abs(fNew), 1);
    [w, wNew] = [wNew, w];
    [g, gNew] = [gNew, g];
    f = fNew;
    converged = maxAbs(g) <= tol;
    if (!converged && relativeDecrease <= 64 * Number.EPSILON) converged = true;
  }
  return { w, value: f, iterations, evaluations, converged, gradNorm: maxAbs(g) };
}

// src/core/train/loss-kernel.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
function blockCount(n) {
  return Math.max(1, Math.min(64, Math.ceil(n / 16384)));
}
function blockStride(d, k) {
  return 1 + (d + 1) * k;
}
function logisticBlock(x, y, w, n, d, _k, blocks, block, out) {
  const size = Math.ceil(n / blocks);
  const start = block * size;
  const end = Math.min(n, start + size);
  const o = block * (d + 2);
  for (let j = 0; j <= d + 1; j++) out[o + j] = 0;
  const b = w[d];
  let loss = 0;
  let gb = 0;
  for (let i = start; i < end; i++) {
    const row = i * d;
    let z = b;
    for (let j = 0; j < d; j++) z += x[row + j] * w[j];
    const yi = y[i];
    const e = Math.exp(-Math.abs(z));
    loss += Math.max(z, 0) + Math.log1p(e) - yi * z;
    const r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
    gb += r;
    for (let j = 0; j < d; j++) out[o + 1 + j] = out[o + 1 + j] + r * x[row + j];
  }
  out[o] = loss;
  out[o + 1 + d] = gb;
}
function softmaxBlock(x, y, w, n, d, k, blocks, block, out) {
  const size = Math.ceil(n / blocks);
  const start = block * size;
  const end = Math.min(n, start + size);
  const o = block * (1 + (d + 1) * k);
  for (let j = 0; j < 1 + (d + 1) * k; j++) out[o + j] = 0;
  const g = o + 1;
  const bOffset = d * k;
  const z = new Float64Array(k);
  let loss = 0;
  for (let i = start; i < end; i++) {
    const row = i * d;
    for (let c = 0; c < k; c++) z[c] = w[bOffset + c];
    for (let j = 0; j < d; j++) {
      const xv = x[row + j];
      if (xv === 0) continue;
      const wj = j * k;
      for (let c = 0; c < k; c++) z[c] = z[c] + xv * w[wj + c];
    }
    let max = z[0];
    for (let c = 1; c < k; c++) if (z[c] > max) max = z[c];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[c] - max);
      z[c] = e;
      sum += e;
    }
    const yi = y[i];
    loss += Math.log(sum) - Math.log(z[yi]);
    for (let c = 0; c < k; c++) z[c] = z[c] / sum - (c === yi ? 1 : 0);
    for (let c = 0; c < k; c++) out[g + bOffset + c] = out[g + bOffset + c] + z[c];
    for (let j = 0; j < d; j++) {
      const xv = x[row + j];
      if (xv === 0) continue;
      const wj = g + j * k;
      for (let c = 0; c < k; c++) out[wj + c] = out[wj + c] + z[c] * xv;
    }
  }
  out[o] = loss;
}
var WORKER_SOURCE = (fn) => `
const { workerData } = require('node:worker_threads');
const blockFunction = ${fn};
const { n, d, k, blocks, index, threads } = workerData;
const x = new Float64Array(workerData.x);
const y = new Uint16Array(workerData.y);
const w = new Float64Array(workerData.w);
const out = new Float64Array(workerData.out);
const control = new Int32Array(workerData.control);
let generation = 0;
for (;;) {
  Atomics.wait(control, 0, generation);
  generation = Atomics.load(control, 0);
  if (generation < 0) break;
  for (let block = index; block < blocks; block += threads) blockFunction(x, y, w, n, d, k, blocks, block, out);
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
`;
var PARALLEL_MIN_CELLS = 2e6;
var STALL_MS = 6e4;
function lossKernel(x, y, n, d, k, maxThreads = availableParallelism()) {
  const fn = k === 1 ? logisticBlock : softmaxBlock;
  const blocks = blockCount(n);
  const stride = blockStride(d, k);
  const threads = Math.min(maxThreads, blocks, 8);
  const parallel = x.buffer instanceof SharedArrayBuffer && n * d >= PARALLEL_MIN_CELLS && threads > 1;
  if (!parallel) {
    const out2 = new Float64Array(blocks * stride);
    return {
      run(w) {
        for (let block = 0; block < blocks; block++) fn(x, y, w, n, d, k, blocks, block, out2);
        return out2;
      },
      close() {
      }
    };
  }
  const ys = new Uint16Array(new SharedArrayBuffer(n * 2));
  ys.set(y);
  const ws = new Float64Array(new SharedArrayBuffer((d + 1) * k * 8));
  const out = new Float64Array(new SharedArrayBuffer(blocks * stride * 8));
  const control = new Int32Array(new SharedArrayBuffer(8));
  const source = WORKER_SOURCE(fn.toString());
  const workers = Array.from(
    { length: threads },
    (_, index) => new Worker(source, {
      eval: true,
      workerData: {
        x: x.buffer,
        y: ys.buffer,
        w: ws.buffer,
        out: out.buffer,
        control: control.buffer,
        n,
        d,
        k,
        blocks,
        index,
        threads
      }
    })
  );
  for (const worker of workers) worker.unref();
  return {
    run(w) {
      ws.set(w);
      Atomics.store(control, 1, 0);
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
      let last = -1;
      let since = Date.now();
      for (; ; ) {
        const done = Atomics.load(control, 1);
        if (done >= threads) break;
        if (done !== last) {
          last = done;
          since = Date.now();
        } else if (Date.now() - since > STALL_MS) {
          throw new MlopsError("A training worker thread stopped responding.", {
            kind: "internal",
            hint: "Run again; if it persists, report it with the Node version and the data size."
          });
        }
        Atomics.wait(control, 1, done, 1e3);
      }
      return out;
    },
    close() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      for (const worker of workers) void worker.terminate();
    }
  };
}

// src/core/train/linear.ts
function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
function split(result, d, k) {
  return {
    d,
    k,
    weights: result.w.slice(0, d * k),
    intercepts: result.w.slice(d * k, d * k + k)
  };
}
function fitClassifier(x, y, n, d, k, options) {
  const lambda = 1 / (options.C * n);
  const kernel = lossKernel(x, y, n, d, k);
  const blocks = blockCount(n);
  const stride = blockStride(d, k);
  const weights = d * k;
  const objective = (w, grad) => {
    const partials = kernel.run(w);
    grad.fill(0);
    let loss = 0;
    for (let block = 0; block < blocks; block++) {
      const o = block * stride;
      loss += partials[o];
      for (let i = 0; i < stride - 1; i++) grad[i] = grad[i] + partials[o + 1 + i];
    }
    let reg = 0;
    for (let i = 0; i < weights; i++) {
      reg += w[i] * w[i];
      grad[i] = grad[i] / n + lambda * w[i];
    }
    for (let c = 0; c < k; c++) grad[weights + c] = grad[weights + c] / n;
    return loss / n + 0.5 * lambda * reg;
  };
  let result;
  try {
    result = minimizeLbfgs(objective, new Float64Array((d + 1) * k), { tol: options.tol, maxIter: options.maxIter });
  } finally {
    kernel.close();
  }
  return {
    coefficients: split(result, d, k),
    info: {
      solver: "lbfgs",
      iterations: result.iterations,
      evaluations: result.evaluations,
      converged: result.converged,
      objective: result.value
    }
  };
}
function fitLogistic(x, y, n, d, options) {
  return fitClassifier(x, y, n, d, 1, options);
}
function fitSoftmax(x, y, n, d, k, options) {
  return fitClassifier(x, y, n, d, k, options);
}
function choleskySolve(a, b, m) {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let p = 0; p < j; p++) s -= l[i * m + p] * l[j * m + p];
      if (i === j) {
        if (!(s > 0)) {
          throw new MlopsError("Ridge regression: the normal equations are singular.", {
            kind: "input",
            hint: "A feature is constant or duplicates another; set a positive `alpha` or drop the feature."
          });
        }
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / l[j * m + j];
      }
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * m + p] * z[p];
    z[i] = s / l[i * m + i];
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i];
    for (let p = i + 1; p < m; p++) s -= l[p * m + i] * out[p];
    out[i] = s / l[i * m + i];
  }
  return out;
}
function fitRidge(x, y, n, d, options) {
  const xMean = new Float64Array(d);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) xMean[j] = xMean[j] + x[row + j];
    yMean += y[i];
  }
  for (let j = 0; j < d; j++) xMean[j] = xMean[j] / n;
  yMean /= n;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const xc = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) xc[j] = x[row + j] - xMean[j];
    const yc = y[i] - yMean;
    for (let j = 0; j < d; j++) {
      const v = xc[j];
      if (v === 0) continue;
      b[j] = b[j] + v * yc;
      const aj = j * d;
      for (let p = 0; p <= j; p++) a[aj + p] = a[aj + p] + v * xc[p];
    }
  }
  for (let j = 0; j < d; j++) {
    for (let p = 0; p < j; p++) a[p * d + j] = a[j * d + p];
    a[j * d + j] = a[j * d + j] + options.alpha;
  }
  const w = d > 0 ? choleskySolve(a, b, d) : new Float64Array(0);
  let intercept = yMean;
  for (let j = 0; j < d; j++) intercept -= xMean[j] * w[j];
  return {
    coefficients: { d, k: 1, weights: w, intercepts: Float64Array.of(intercept) },
    info: { solver: "cholesky", iterations: 1, evaluations: 1, converged: true, objective: Number.NaN }
  };
}
function linearScores(x, n, coefficients) {
  const { d, k, weights, intercepts } = coefficients;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const o = i * k;
    for (let c = 0; c < k; c++) out[o + c] = intercepts[c];
    for (let j = 0; j < d; j++) {
      const xv = x[row + j];
      if (xv === 0) continue;
      for (let c = 0; c < k; c++) out[o + c] = out[o + c] + xv * weights[j * k + c];
    }
  }
  return out;
}
function probabilitiesFromScores(scores, n, k) {
  if (k === 1) {
    const out2 = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(scores[i]);
      out2[2 * i] = 1 - p;
      out2[2 * i + 1] = p;
    }
    return out2;
  }
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let max = scores[i * k];
    for (let c = 1; c < k; c++) max = Math.max(max, scores[i * k + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(scores[i * k + c] - max);
      out[i * k + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) out[i * k + c] = out[i * k + c] / sum;
  }
  return out;
}
function argmaxRows(values, n, k) {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

// src/core/train/baseline.ts
var BASELINES = ["auto", "logistic", "softmax", "ridge"];
function isMissing(v) {
  return v === null || v === void 0 || v === "" || typeof v === "number" && Number.isNaN(v);
}
function labelKey(v) {
  return typeof v === "number" ? String(v) : v;
}
function labelColumn(data, label) {
  const values = data.columns[label];
  if (!values) {
    throw new MlopsError(`The label column "${label}" does not exist in the training data.`, {
      kind: "input",
      where: { field: label },
      expected: "one of the data columns",
      found: Object.keys(data.columns).join(", ") || "(no columns)",
      hint: "Set model.label in mlops.yaml to the target column name, exactly as in the header."
    });
  }
  return values;
}
function resolveBaseline(requested, task, label, labelName) {
  if (!BASELINES.includes(requested)) {
    throw new MlopsError(`Unknown baseline "${requested}".`, {
      kind: "usage",
      expected: BASELINES.join(", "),
      found: requested,
      hint: "Use `baseline: auto` to pick from model.task, or one of logistic, softmax, ridge."
    });
  }
  let resolvedTask = task;
  if (!resolvedTask) {
    if (requested === "logistic") resolvedTask = "binary";
    else if (requested === "softmax") resolvedTask = "multiclass";
    else if (requested === "ridge") resolvedTask = "regression";
    else {
      const distinct = /* @__PURE__ */ new Set();
      for (const v of label) if (!isMissing(v)) distinct.add(labelKey(v));
      resolvedTask = label instanceof Float64Array && distinct.size > 10 ? "regression" : distinct.size === 2 ? "binary" : "multiclass";
    }
  }
  const byTask = { binary: "logistic", multiclass: "softmax", regression: "ridge" };
  const baseline = requested === "auto" ? byTask[resolvedTask] : requested;
  const compatible = baseline === "ridge" && resolvedTask === "regression" || baseline === "logistic" && resolvedTask === "binary" || baseline === "softmax" && resolvedTask !== "regression";
  if (!compatible) {
    throw new MlopsError(`Baseline "${baseline}" cannot train a ${resolvedTask} model.`, {
      kind: "usage",
      where: { field: labelName },
      expected: `baseline ${byTask[resolvedTask]} (or auto) for task ${resolvedTask}`,
      found: baseline
    });
  }
  if (resolvedTask === "regression" && !(label instanceof Float64Array)) {
    const sample = label.find((v) => !isMissing(v) && !Number.isFinite(Number(v)));
    throw new MlopsError(`Regression needs a numeric target, but "${labelName}" is not numeric.`, {
      kind: "input",
      where: { field: labelName },
      expected: "numbers in the label column",
      found: sample !== void 0 ? JSON.stringify(sample) : "a text column",
      hint: "Set model.task to binary or multiclass for a categorical target, or fix the label column."
    });
  }
  return { baseline, task: resolvedTask };
}
function trainBaseline(data, options) {
  const labelValues = labelColumn(data, options.label);
  const { baseline, task } = resolveBaseline(options.baseline ?? "auto", options.task, labelValues, options.label);
  const featureNames = options.features ?? Object.keys(data.columns).filter((c) => c !== options.label);
  if (featureNames.length === 0) {
    throw new MlopsError("There are no feature columns to train on.", {
      kind: "input",
      hint: "The data needs at least one column besides the label (or set model.features)."
    });
  }
  for (const name of featureNames) {
    if (name === options.label) {
      throw new MlopsError(`The label "${name}" is also listed as a feature.`, {
        kind: "config",
        where: { field: name },
        hint: "Remove it from model.features."
      });
    }
  }
  const kept = [];
  for (let i = 0; i < data.rowCount; i++) if (!isMissing(labelValues[i])) kept.push(i);
  const rows = kept.length === data.rowCount ? null : Int32Array.from(kept);
  const n = kept.length;
  if (n < 2) {
    throw new MlopsError(`Only ${n} row(s) have a value in the label column "${options.label}".`, {
      kind: "input",
      where: { field: options.label },
      hint: "Training needs at least two labelled rows."
    });
  }
  const features = fitFeatures(data.columns, featureNames, rows, data.rowCount);
  const x = buildDesign(features, data.columns, rows, data.rowCount);
  const d = designWidth(features);
  const params = options.params ?? {};
  const C = params.C ?? 1;
  const tol = params.tol ?? 1e-4;
  const maxIter = params.maxIter ?? 100;
  const at = (k) => labelValues[rows ? rows[k] : k];
  if (task === "regression") {
    const y2 = new Float64Array(n);
    for (let k = 0; k < n; k++) y2[k] = at(k);
    const { coefficients, info } = fitRidge(x, y2, n, d, { alpha: params.alpha ?? 1 });
    const model2 = { baseline, task, label: options.label, features, classes: [], coefficients };
    return { model: model2, metrics: regressionMetrics(y2, linearScores(x, n, coefficients)), solver: info };
  }
  const distinct = /* @__PURE__ */ new Set();
  for (let k = 0; k < n; k++) distinct.add(at(k));
  const numericLabel = labelValues instanceof Float64Array;
  const values = [...distinct].sort(
    (a, b) => numericLabel ? a - b : a < b ? -1 : a > b ? 1 : 0
  );
  const classes = values.map((v) => labelKey(v));
  if (classes.length < 2) {
    throw new MlopsError(`The label column "${options.label}" has a single class (${classes[0]}).`, {
      kind: "input",
      where: { field: options.label },
      hint: "A classifier needs at least two classes in the training data."
    });
  }
  if (baseline === "logistic" && classes.length !== 2) {
    throw new MlopsError(`Logistic regression is binary, but "${options.label}" has ${classes.length} classes.`, {
      kind: "usage",
      where: { field: options.label },
      found: classes.slice(0, 10).join(", "),
      hint: "Use baseline softmax (or auto) and model.task multiclass."
    });
  }
  const index = new Map(values.map((v, i) => [v, i]));
  const y = new Uint16Array(n);
  for (let k = 0; k < n; k++) y[k] = index.get(at(k));
  const fit = baseline === "logistic" ? fitLogistic(x, y, n, d, { C, tol, maxIter }) : fitSoftmax(x, y, n, d, classes.length, { C, tol, maxIter });
  const model = {
    baseline,
    task,
    label: options.label,
    features,
    classes,
    coefficients: fit.coefficients
  };
  const probabilities = probabilitiesFromScores(linearScores(x, n, fit.coefficients), n, fit.coefficients.k);
  return { model, metrics: classificationMetrics(y, probabilities, n, classes.length), solver: fit.info };
}
function classificationMetrics(y, p, n, k) {
  const predicted = argmaxRows(p, n, k);
  let correct = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    if (predicted[i] === y[i]) correct++;
    logLoss -= Math.log(Math.max(p[i * k + y[i]], 1e-15));
  }
  return { rows: n, accuracy: correct / n, logLoss: logLoss / n };
}
function regressionMetrics(y, prediction) {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - prediction[i];
    ssRes += e * e;
    ssTot += (y[i] - mean) ** 2;
    abs += Math.abs(e);
  }
  return { rows: n, r2: ssTot > 0 ? 1 - ssRes / ssTot : 0, rmse: Math.sqrt(ssRes / n), mae: abs / n };
}

// src/core/train/params.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var paramsObject = external_exports.record(external_exports.string(), external_exports.unknown());
function parseParams(text, source) {
  let raw;
  try {
    raw = (0, import_yaml.parse)(text);
  } catch (error) {
    throw new MlopsError(
      `Parameters in ${source} are not valid YAML/JSON: ${error.message.split("\n")[0]}`,
      {
        kind: "input",
        where: { file: source }
      }
    );
  }
  if (raw === null || raw === void 0) return {};
  const parsed = paramsObject.safeParse(raw);
  if (!parsed.success || Array.isArray(raw)) {
    throw new MlopsError(`Parameters in ${source} must be a mapping of names to values.`, {
      kind: "input",
      where: { file: source },
      expected: "e.g. `learning_rate: 0.01` on its own line",
      found: typeof raw === "object" ? "a list" : JSON.stringify(raw)
    });
  }
  return parsed.data;
}
async function loadParams(spec, cwd) {
  if (spec === void 0) {
    const file2 = resolve(cwd, "params.yaml");
    if (!existsSync(file2)) return { params: {}, source: void 0 };
    return { params: parseParams(await readFile(file2, "utf8"), "params.yaml"), source: "params.yaml" };
  }
  const file = resolve(cwd, spec);
  if (existsSync(file)) return { params: parseParams(await readFile(file, "utf8"), spec), source: spec };
  if (/[:{]/.test(spec)) return { params: parseParams(spec, "the params input"), source: "inline" };
  throw new MlopsError(`Parameters file ${spec} does not exist.`, {
    kind: "input",
    where: { file: spec },
    hint: "Point `params` at a YAML or JSON file, or give the parameters inline, e.g. `{C: 0.5}`."
  });
}
function canonicalJson(value) {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : 1));
    }
    return v;
  });
}
function paramsHash(params) {
  return sha256(canonicalJson(params));
}
function paramsEnv(params, prefix = "MLOPS_PARAM_") {
  const env = {};
  const visit = (value, name) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, name ? `${name}_${k}` : k);
    } else if (name) {
      const key = `${prefix}${name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
      env[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  };
  visit(params, "");
  return env;
}

// src/core/train/cache-key.ts
var CACHE_KEY_VERSION = 1;
function environmentKey(environment) {
  return {
    platform: environment.platform,
    arch: environment.arch,
    node: environment.node.replace(/^v?(\d+).*$/, "$1"),
    python: environment.python ? { version: environment.python.version, packages: sha256(canonicalJson(environment.python.packages)) } : null
  };
}
function cacheKeyMaterial(inputs) {
  return canonicalJson({
    v: CACHE_KEY_VERSION,
    tool: TOOL_VERSION,
    trainer: inputs.trainer,
    model: {
      task: inputs.model.task ?? null,
      label: inputs.model.label ?? null,
      features: inputs.model.features ?? null
    },
    code: [...inputs.code].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    data: inputs.data.map((d) => ({ role: d.role, sha256: d.sha256 })),
    params: inputs.paramsHash,
    environment: environmentKey(inputs.environment)
  });
}
function deriveCacheKey(inputs) {
  const safeName = inputs.modelName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `mlops-train-${safeName}-${sha256(cacheKeyMaterial(inputs)).slice(0, 40)}`;
}

// src/core/train/code-paths.ts
import { existsSync as existsSync2 } from "node:fs";
import { isAbsolute, join } from "node:path";
var LOCK_FILES = ["uv.lock", "poetry.lock", "Pipfile.lock", "pdm.lock", "pixi.lock", "conda-lock.yml", "renv.lock"];
var SOURCE_OR_CONFIG = /\.(py|r|jl|sh|ya?ml|toml|cfg|ini|conf)$/i;
function codePathsOf(command, cwd) {
  const tokens = command.split(/\s+/).map((token) => token.replace(/^['"]|['"]$/g, ""));
  const candidates = [];
  tokens.forEach((token, i) => {
    if (token === "") return;
    const option = /^--?[A-Za-z0-9][\w-]*=(.+)$/.exec(token);
    if (option) {
      const value = option[1].replace(/^['"]|['"]$/g, "");
      if (SOURCE_OR_CONFIG.test(value)) candidates.push(value);
    } else if (!token.startsWith("-") && !token.includes("=")) candidates.push(token);
    const module = tokens[i - 1] === "-m" ? /^([A-Za-z_]\w*)/.exec(token) : null;
    if (module) candidates.push(module[1], `${module[1]}.py`);
  });
  const named = candidates.filter((t) => /[./]/.test(t) || existsSync2(join(cwd, t, "__init__.py")));
  return [.../* @__PURE__ */ new Set([...named, ...LOCK_FILES])].filter((t) => !isAbsolute(t) && existsSync2(join(cwd, t)));
}

// src/core/train/environment.ts
import { execFile } from "node:child_process";
import { arch, availableParallelism as availableParallelism2, cpus, platform, release, type } from "node:os";
import { promisify } from "node:util";
var execFileAsync = promisify(execFile);
var PYTHON_INSPECT = `
import json, sys
try:
    import importlib.metadata as md
    packages = {}
    for d in md.distributions():
        name = d.metadata["Name"]
        if name:
            packages[name.lower()] = d.version
except Exception:
    packages = {}
print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "packages": dict(sorted(packages.items()))}))
`;
var PYTHON_INTERPRETER = /(^|\/)python[0-9.]*$/;
var PYTHON_SCRIPT = /\.py$/;
var ENVIRONMENT_RUNNERS = /(^|\/)(uv|poetry|pipenv|conda|mamba|micromamba|pixi|hatch|pdm)$/;
function pythonOf(command) {
  const tokens = command.trim().split(/\s+/);
  const start = tokens.findIndex((t) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(t));
  if (start < 0) return void 0;
  const first = tokens[start];
  if (PYTHON_INTERPRETER.test(first)) return [first];
  if (PYTHON_SCRIPT.test(first)) return ["python3"];
  if (ENVIRONMENT_RUNNERS.test(first) && tokens[start + 1] === "run") {
    const rest = tokens.slice(start + 2);
    for (let i = 0; i < rest.length; i++) {
      const token = rest[i];
      if (PYTHON_INTERPRETER.test(token)) return [first, "run", ...rest.slice(0, i), token];
      if (PYTHON_SCRIPT.test(token)) return [first, "run", ...rest.slice(0, i), "python"];
      const isOption = token.startsWith("-");
      const isOptionValue = i > 0 && rest[i - 1].startsWith("-") && !rest[i - 1].includes("=") && !/[/.]/.test(token);
      if (!isOption && !isOptionValue) return void 0;
    }
  }
  return void 0;
}
async function inspectPython(argv, cwd) {
  try {
    const { stdout } = await execFileAsync(argv[0], [...argv.slice(1), "-c", PYTHON_INSPECT], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 6e4
    });
    const line = stdout.trim().split("\n").at(-1) ?? "";
    return JSON.parse(line);
  } catch {
    return void 0;
  }
}
async function collectEnvironment(command, cwd) {
  const env = {
    os: `${type()} ${release()}`,
    platform: platform(),
    arch: arch(),
    cpu: { model: cpus()[0]?.model?.trim() ?? "unknown", cores: availableParallelism2() },
    node: process.version
  };
  const python = command ? pythonOf(command) : void 0;
  if (python) {
    const info = await inspectPython(python, cwd);
    if (info) env.python = info;
  }
  return env;
}

// src/core/train/history.ts
import { existsSync as existsSync3 } from "node:fs";
import { readdir, readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
var RUNS_DIR = join2(".mlops", "runs");
var POINTER_FILE = join2(".mlops", "train", "pointer", "TrainRun.json");
function branchOf(ref) {
  return (ref ?? "").replace(/^refs\/(heads|tags)\//, "") || "main";
}
function safe(text) {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}
function pointerKeyPrefix(modelName, branch) {
  return `mlops-train-latest-${safe(modelName)}-${safe(branch)}-`;
}
async function recordRun(cwd, run) {
  const file = join2(cwd, RUNS_DIR, `${run.runId}.json`);
  await writeFileAtomic(file, `${JSON.stringify(run, null, 2)}
`);
  return file;
}
async function listRuns(cwd) {
  const dir = join2(cwd, RUNS_DIR);
  if (!existsSync3(dir)) return { runs: [], skipped: [] };
  const runs = [];
  const skipped = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".json")).sort()) {
    try {
      runs.push(trainRun.parse(JSON.parse(await readFile2(join2(dir, name), "utf8"))));
    } catch {
      skipped.push(name);
    }
  }
  runs.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId < b.runId ? -1 : 1);
  return { runs, skipped };
}
function comparisonOf(run, source) {
  return {
    runId: run.runId,
    source,
    ref: run.code.ref,
    commit: run.code.commit,
    params: run.params,
    metrics: run.metrics
  };
}
var registryEntry = external_exports.object({
  version: external_exports.string().optional(),
  lineage: external_exports.object({
    trainRun: external_exports.object({
      runId: external_exports.string(),
      params: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
      metrics: external_exports.record(external_exports.string(), external_exports.number().nullable()).optional(),
      commit: external_exports.string().nullable().optional()
    }).optional()
  }).optional()
});
async function fromRegistry(cwd, modelName) {
  const dir = join2(cwd, ".mlops", "registry", modelName);
  if (!existsSync3(dir)) return void 0;
  const versions = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const semver = (v) => v.replace(/^v/, "").split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  versions.sort((a, b) => {
    const [x, y] = [semver(a), semver(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
  for (const version of versions.reverse()) {
    const file = join2(dir, version, "model.json");
    if (!existsSync3(file)) continue;
    const parsed = registryEntry.safeParse(JSON.parse(await readFile2(file, "utf8")));
    const run = parsed.success ? parsed.data.lineage?.trainRun : void 0;
    if (run) {
      return {
        runId: run.runId,
        source: `registry:${modelName}@${version}`,
        commit: run.commit ?? null,
        params: run.params ?? {},
        metrics: run.metrics ?? {}
      };
    }
  }
  return void 0;
}
async function findBaseRun(query) {
  const { runs } = await listRuns(query.cwd);
  const local = runs.filter(
    (r) => r.runId !== query.currentRunId && r.status === "succeeded" && (r.model.name ?? "model") === query.modelName && branchOf(r.code.ref) === query.baseBranch
  ).pop();
  if (local) return comparisonOf(local, `runs:${join2(RUNS_DIR, `${local.runId}.json`)}`);
  const registered = await fromRegistry(query.cwd, query.modelName);
  if (registered) return registered;
  if (!query.cache) return void 0;
  const prefix = pointerKeyPrefix(query.modelName, query.baseBranch);
  const hit = await query.cache.restore([join2(query.cwd, POINTER_FILE)], `${prefix}none`, [prefix]).catch(() => void 0);
  const file = join2(query.cwd, POINTER_FILE);
  if (!hit || !existsSync3(file)) return void 0;
  const parsed = trainRun.safeParse(JSON.parse(await readFile2(file, "utf8")));
  if (!parsed.success || parsed.data.runId === query.currentRunId) return void 0;
  return comparisonOf(parsed.data, `cache:${hit}`);
}
async function savePointer(cwd, cache, run, modelName) {
  await writeFileAtomic(join2(cwd, POINTER_FILE), `${JSON.stringify(run, null, 2)}
`);
  await cache.save([join2(cwd, POINTER_FILE)], `${pointerKeyPrefix(modelName, branchOf(run.code.ref))}${run.runId}`).catch(() => false);
}

// src/core/train/paths.ts
import { join as join3 } from "node:path";
var TRAIN_DIR = join3(".mlops", "train");
var MODEL_FILE = join3(TRAIN_DIR, "model.onnx");
var METRICS_FILE = join3(TRAIN_DIR, "metrics.json");
var PARAMS_FILE = join3(TRAIN_DIR, "params.json");
var RUN_FILE = join3(TRAIN_DIR, "TrainRun.json");

// src/core/model/onnx-linear.ts
var BASELINE_MODEL_KIND = "mlops-baseline";
function baselineMetadata(model) {
  const meta = {
    "mlops.task": model.task,
    "mlops.label": model.label,
    "mlops.features": JSON.stringify(model.features.map((f) => f.name)),
    "mlops.baseline": model.baseline,
    "mlops.kind": BASELINE_MODEL_KIND
  };
  if (model.task !== "regression") meta["mlops.classes"] = JSON.stringify(model.classes);
  return meta;
}
function exportBaselineOnnx(model, options = {}) {
  const g = new GraphBuilder(`${model.baseline}_${model.label}`);
  for (const f of model.features) {
    g.input(f.name, f.kind === "numeric" ? DataType.FLOAT : DataType.STRING, ["N", 1]);
  }
  const blocks = [];
  const numeric = numericFeatures(model.features);
  if (numeric.length > 0) {
    const p = numeric.length;
    const raw = p === 1 ? numeric[0].name : g.op(
      "Concat",
      numeric.map((f) => f.name),
      { axis: 1 }
    );
    const asDouble = g.op("Cast", [raw], { to: DataType.DOUBLE });
    const means = g.constant(
      "means",
      DataType.DOUBLE,
      [p],
      numeric.map((f) => f.mean)
    );
    const scales = g.constant(
      "scales",
      DataType.DOUBLE,
      [p],
      numeric.map((f) => f.scale)
    );
    const missing = g.op("IsNaN", [asDouble]);
    const imputed = g.op("Where", [missing, means, asDouble]);
    const centered = g.op("Sub", [imputed, means]);
    blocks.push(g.op("Div", [centered, scales]));
  }
  for (const f of categoricalFeatures(model.features)) {
    if (f.categories.length === 0) continue;
    const categories = g.constant(`${f.name}_categories`, DataType.STRING, [f.categories.length], f.categories);
    const hits = g.op("Equal", [f.name, categories]);
    blocks.push(g.op("Cast", [hits], { to: DataType.DOUBLE }));
  }
  const { d, k, weights, intercepts } = model.coefficients;
  const design = blocks.length === 1 ? blocks[0] : g.op("Concat", blocks, { axis: 1 });
  const w = g.constant("weights", DataType.DOUBLE, [d, k], weights);
  const b = g.constant("intercepts", DataType.DOUBLE, [k], intercepts);
  const scores = g.op("Add", [g.op("MatMul", [design, w]), b]);
  if (model.task === "regression") {
    g.op("Cast", [scores], { to: DataType.FLOAT }, "prediction");
    g.output("prediction", DataType.FLOAT, ["N", 1]);
  } else {
    let probabilities;
    if (k === 1) {
      const positive = g.op("Sigmoid", [scores]);
      const one = g.constant("one", DataType.DOUBLE, [1], [1]);
      probabilities = g.op("Concat", [g.op("Sub", [one, positive]), positive], { axis: 1 });
    } else {
      probabilities = g.op("Softmax", [scores], { axis: 1 });
    }
    const classes = g.constant("classes", DataType.STRING, [model.classes.length], model.classes);
    const best = g.op("ArgMax", [probabilities], { axis: 1, keepdims: 0 });
    g.op("Gather", [classes, best], { axis: 0 }, "label");
    g.op("Cast", [probabilities], { to: DataType.FLOAT }, "probabilities");
    g.output("label", DataType.STRING, ["N"]);
    g.output("probabilities", DataType.FLOAT, ["N", model.classes.length]);
  }
  return encodeModel(g, {
    metadata: { ...baselineMetadata(model), ...options.metadata },
    producerVersion: options.producerVersion,
    docString: `mlops-actions ${model.baseline} baseline for ${model.label}`
  });
}

// src/core/train/model-check.ts
import { existsSync as existsSync4 } from "node:fs";
import { readFile as readFile3, stat } from "node:fs/promises";
async function checkOnnxModel(path, displayPath = path) {
  if (!existsSync4(path) || !(await stat(path)).isFile()) {
    throw new MlopsError(`The training command did not write a model to ${displayPath}.`, {
      kind: "input",
      where: { file: displayPath },
      expected: "an ONNX file at the path in MLOPS_MODEL_PATH",
      found: "no file",
      hint: 'Save the model to os.environ["MLOPS_MODEL_PATH"] (e.g. torch.onnx.export(model, x, os.environ["MLOPS_MODEL_PATH"])).'
    });
  }
  const bytes2 = await readFile3(path);
  if (bytes2.length === 0) {
    throw new MlopsError(`The model file ${displayPath} is empty.`, {
      kind: "input",
      where: { file: displayPath },
      expected: "an ONNX model",
      found: "0 bytes"
    });
  }
  const info = readOnnxModelInfo(bytes2, displayPath);
  const ort = await loadNative("onnxruntime-node");
  try {
    const session = await ort.InferenceSession.create(bytes2);
    const checked = { info, inputs: [...session.inputNames], outputs: [...session.outputNames], bytes: bytes2.length };
    await session.release();
    return checked;
  } catch (error) {
    throw new MlopsError(`${displayPath} is not a valid ONNX model: onnxruntime cannot load it.`, {
      kind: "input",
      where: { file: displayPath },
      found: error.message.split("\n")[0],
      hint: "Export with a supported opset (torch.onnx.export(..., opset_version=17)) and check it with onnx.checker."
    });
  }
}

// src/core/train/train-builtin.ts
function baselineParams(params) {
  const num = (v) => typeof v === "number" ? v : void 0;
  return { C: num(params.C), alpha: num(params.alpha), tol: num(params.tol), maxIter: num(params.max_iter) };
}
async function trainWithBaseline(ctx, baseline, source, label) {
  const features = ctx.config.model?.features;
  const { readTrainingColumns } = await import("./read-data-R7NWDBHV.js");
  const columns = await readTrainingColumns(source, ctx.cwd, label, features);
  const result = await ctx.log.group(`Training the built-in baseline (${baseline}) on ${source}`, async () => {
    const trained = trainBaseline(columns, {
      label,
      task: ctx.config.model?.task,
      features,
      baseline,
      params: baselineParams(ctx.params)
    });
    ctx.log.info(
      `${trained.model.baseline}: ${trained.metrics.rows} rows, ${trained.model.coefficients.d} design columns, ${trained.solver.iterations} iteration(s), converged: ${trained.solver.converged}`
    );
    return trained;
  });
  await writeFileAtomic(
    ctx.paths.model,
    exportBaselineOnnx(result.model, { metadata: { "mlops.model": ctx.modelName } })
  );
  const metrics = {};
  for (const [name, value] of Object.entries(result.metrics)) {
    if (typeof value === "number")
      metrics[name === "logLoss" ? "log_loss" : name] = Number.isFinite(value) ? value : null;
  }
  await writeFileAtomic(ctx.paths.metrics, `${JSON.stringify(metrics, null, 2)}
`);
  await checkOnnxModel(ctx.paths.model, MODEL_FILE);
  const { solver } = result;
  return {
    status: "succeeded",
    exitCode: 0,
    metrics,
    model: {
      name: ctx.modelName,
      task: result.model.task,
      label,
      features: result.model.features.map((f) => f.name),
      classes: result.model.task === "regression" ? void 0 : result.model.classes
    },
    trainer: {
      kind: "baseline",
      baseline: result.model.baseline,
      solver: { ...solver, objective: Number.isFinite(solver.objective) ? solver.objective : null }
    }
  };
}

// src/core/train/train-command.ts
import { resolve as resolve2 } from "node:path";

// src/core/train/command.ts
import { spawn } from "node:child_process";
var TAIL_LINES = 50;
function runTrainingCommand(options) {
  return options.log.group(`Training: ${options.command}`, async () => {
    const tail = [];
    const remember = (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, PYTHONUNBUFFERED: "1" },
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout ends the whole tree (the shell and what it started).
      detached: process.platform !== "win32"
    });
    const killTree = (signal2) => {
      try {
        if (process.platform !== "win32" && child.pid) process.kill(-child.pid, signal2);
        else child.kill(signal2);
      } catch {
      }
    };
    const forward = (signal2) => killTree(signal2);
    process.once("SIGINT", forward);
    process.once("SIGTERM", forward);
    const pending = { out: "", err: "" };
    const onData = (stream) => (chunk) => {
      const text = pending[stream] + chunk.toString("utf8");
      const lines = text.split(/\r?\n/);
      pending[stream] = lines.pop() ?? "";
      for (const line of lines) {
        options.log.info(line);
        remember(line);
      }
    };
    child.stdout.on("data", onData("out"));
    child.stderr.on("data", onData("err"));
    let timedOut = false;
    const timer = options.timeoutMs !== void 0 ? setTimeout(() => {
      timedOut = true;
      killTree("SIGTERM");
      setTimeout(() => killTree("SIGKILL"), 5e3).unref();
    }, options.timeoutMs) : void 0;
    const { code: code2, signal } = await new Promise((resolveExit) => {
      child.on("error", (error) => {
        remember(`failed to start: ${error.message}`);
        resolveExit({ code: 127, signal: null });
      });
      child.on("close", (c, s) => resolveExit({ code: c, signal: s }));
    });
    if (timer) clearTimeout(timer);
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
    for (const rest of [pending.out, pending.err]) {
      if (rest) {
        options.log.info(rest);
        remember(rest);
      }
    }
    return { exitCode: code2, signal, tail, timedOut };
  });
}

// src/core/train/metrics-file.ts
import { existsSync as existsSync5 } from "node:fs";
import { readFile as readFile4 } from "node:fs/promises";
function flattenMetrics(value, prefix = "", out = {}, dropped = []) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenMetrics(v, prefix ? `${prefix}.${k}` : k, out, dropped);
  } else if (typeof value === "number") {
    out[prefix] = Number.isFinite(value) ? value : null;
  } else if (typeof value === "boolean") {
    out[prefix] = value ? 1 : 0;
  } else if (prefix) {
    dropped.push(prefix);
  }
  return out;
}
async function readMetricsFile(path, displayPath, log) {
  if (!existsSync5(path)) {
    log.warning(`The training command wrote no metrics to ${displayPath} (MLOPS_METRICS_PATH); recording none.`, {
      file: displayPath
    });
    return {};
  }
  let raw;
  try {
    raw = JSON.parse(await readFile4(path, "utf8"));
  } catch (error) {
    throw new MlopsError(`The metrics file ${displayPath} is not valid JSON: ${error.message}`, {
      kind: "input",
      where: { file: displayPath },
      expected: 'a JSON object such as {"accuracy": 0.93, "loss": 0.21}'
    });
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new MlopsError(`The metrics file ${displayPath} must hold a JSON object of numbers.`, {
      kind: "input",
      where: { file: displayPath },
      expected: '{"accuracy": 0.93, ...}',
      found: JSON.stringify(raw).slice(0, 80)
    });
  }
  const dropped = [];
  const metrics = flattenMetrics(raw, "", {}, dropped);
  if (dropped.length > 0) log.warning(`Metrics that are not numbers were not recorded: ${dropped.join(", ")}`);
  return metrics;
}

// src/core/train/train-command.ts
function commandEnv(ctx) {
  const env = {
    MLOPS_RUN_ID: ctx.runId,
    MLOPS_MODEL_PATH: ctx.paths.model,
    MLOPS_METRICS_PATH: ctx.paths.metrics,
    MLOPS_PARAMS_PATH: ctx.paths.params,
    MLOPS_OUTPUT_DIR: ctx.paths.dir,
    MLOPS_MODEL_NAME: ctx.modelName,
    ...paramsEnv(ctx.params)
  };
  for (const d of ctx.data) {
    if (d.role === "input") continue;
    const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(d.source) || /[*?[{]/.test(d.source) ? d.source : resolve2(ctx.cwd, d.source);
    env[`MLOPS_DATA_${d.role.toUpperCase()}`] = value;
  }
  const model = ctx.config.model;
  if (model?.label) env.MLOPS_LABEL = model.label;
  if (model?.task) env.MLOPS_TASK = model.task;
  if (model?.features) env.MLOPS_FEATURES = JSON.stringify(model.features);
  return env;
}
async function trainWithCommand(ctx, command) {
  const timeout = ctx.config.train.timeout;
  const result = await runTrainingCommand({
    command,
    cwd: ctx.cwd,
    env: commandEnv(ctx),
    log: ctx.log,
    timeoutMs: timeout ? timeout * 6e4 : void 0
  });
  const model = {
    name: ctx.modelName,
    task: ctx.config.model?.task,
    label: ctx.config.model?.label,
    features: ctx.config.model?.features
  };
  if (result.exitCode !== 0 || result.timedOut) {
    return {
      status: "failed",
      exitCode: result.exitCode === 0 ? 1 : result.exitCode,
      logTail: result.timedOut ? [...result.tail, `(killed after ${timeout} minutes)`] : result.tail,
      metrics: {},
      model,
      trainer: { kind: "command", command }
    };
  }
  const checked = await checkOnnxModel(ctx.paths.model, MODEL_FILE);
  const metrics = await readMetricsFile(ctx.paths.metrics, METRICS_FILE, ctx.log);
  const classes = checked.info.metadata["mlops.classes"];
  return {
    status: "succeeded",
    exitCode: 0,
    metrics,
    model: { ...model, classes: classes ? classesOf(classes) : void 0 },
    trainer: { kind: "command", command }
  };
}
function classesOf(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = void 0;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.map(String);
  }
  throw new MlopsError(`${MODEL_FILE} has mlops.classes metadata that is not a JSON list of class names.`, {
    kind: "input",
    where: { file: MODEL_FILE, field: "mlops.classes" },
    expected: 'a JSON list, e.g. ["setosa", "versicolor"] or [0, 1]',
    found: text.length > 200 ? `${text.slice(0, 200)}\u2026` : text,
    hint: "Write the metadata with json.dumps(list_of_classes) in the training script."
  });
}

// src/core/train/run.ts
function newRunId(now = /* @__PURE__ */ new Date()) {
  return `${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;
}
function gitState(cwd) {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    }).trim();
    const status = execFileSync("git", ["status", "--porcelain"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    });
    const dirty = status.split("\n").filter(Boolean).some((line) => !line.slice(3).replace(/^"/, "").startsWith(".mlops/"));
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: false };
  }
}
function runArtifactNamespace(modelName) {
  return `${modelName}-runs`;
}
async function upload(platform2, modelName, runId, file, name) {
  try {
    return (await platform2.artifacts.put(runArtifactNamespace(modelName), runId, file, name)).url;
  } catch (error) {
    platform2.log.warning(
      `Could not upload ${name} to the artifact store: ${describeError(error).split("\n").join(" ")}`
    );
    return void 0;
  }
}
async function runTraining(request) {
  const { platform: platform2, cwd, config } = request;
  const log = platform2.log;
  const startedAt = /* @__PURE__ */ new Date();
  const runId = newRunId(startedAt);
  const modelName = config.model?.name ?? "model";
  const command = request.command ?? config.train.command;
  const baselineName = request.baseline ?? config.train.baseline;
  const dataTrain = request.data ?? config.data.train;
  if (!command && !dataTrain) {
    throw new MlopsError("Nothing to train on: no training command and no training data.", {
      kind: "config",
      hint: "Set data.train in mlops.yaml (the built-in baseline trains on it) or train.command / the `command` input."
    });
  }
  if (!command && !BASELINES.includes(baselineName)) {
    throw new MlopsError(`Unknown baseline "${baselineName}".`, {
      kind: "usage",
      expected: BASELINES.join(", "),
      found: baselineName,
      hint: "Use `baseline: auto` to pick from model.task, or one of logistic, softmax, ridge."
    });
  }
  if (!command && !config.model?.label) {
    throw new MlopsError("The built-in baseline needs to know the label column.", {
      kind: "config",
      where: { path: "model.label" },
      hint: "Add `model: {name: ..., task: ..., label: <target column>}` to mlops.yaml."
    });
  }
  const { params } = await loadParams(request.params ?? config.train.params, cwd);
  const pHash = paramsHash(params);
  const dataSources = [];
  if (dataTrain) dataSources.push({ role: "train", source: dataTrain });
  if (command && config.data.eval) dataSources.push({ role: "eval", source: config.data.eval });
  for (const extra of config.train.inputs) dataSources.push({ role: "input", source: extra });
  const data = [];
  for (const { role, source } of dataSources) {
    const fp = await fingerprintInput(source, cwd);
    data.push({ role, source: displaySource(source), sha256: fp.sha256, bytes: fp.bytes, files: fp.files });
  }
  const codeSpecs = config.train.code.length > 0 ? config.train.code : command ? codePathsOf(command, cwd) : [];
  const code2 = [];
  for (const path of codeSpecs) code2.push({ path, sha256: (await fingerprintInput(path, cwd)).sha256 });
  const environment = await collectEnvironment(command, cwd);
  const modelInfo = {
    name: modelName,
    task: config.model?.task,
    label: config.model?.label,
    features: config.model?.features
  };
  const key = deriveCacheKey({
    modelName,
    trainer: command ? { kind: "command", command } : { kind: "baseline", baseline: baselineName },
    model: modelInfo,
    code: code2,
    data: data.map((d) => ({ role: d.role, sha256: d.sha256 })),
    paramsHash: pHash,
    environment
  });
  const git = gitState(cwd);
  const modelPath = join4(cwd, MODEL_FILE);
  const metricsPath = join4(cwd, METRICS_FILE);
  const runPath = join4(cwd, RUN_FILE);
  const cacheEnabled = config.train.cache;
  const store = (file, name) => config.train.upload ? upload(platform2, modelName, runId, file, name) : Promise.resolve(void 0);
  const base = {
    ...envelope("TrainRun"),
    runId,
    code: { ...git, ref: platform2.context.ref, paths: code2 },
    data,
    params,
    paramsHash: pHash,
    environment,
    startedAt: startedAt.toISOString()
  };
  let run;
  if (cacheEnabled && !request.force) {
    await rm(join4(cwd, TRAIN_DIR), { recursive: true, force: true });
    const hit = await platform2.cache.restore([modelPath, metricsPath, runPath], key);
    if (hit === key && existsSync6(modelPath) && existsSync6(runPath)) {
      const cached = trainRun.safeParse(JSON.parse(await readFile5(runPath, "utf8")));
      const sha = await sha256File(modelPath);
      if (cached.success && cached.data.artifact?.sha256 === sha) {
        log.info(`Cache hit (${key}): restored the model of run ${cached.data.runId}; training skipped.`);
        run = {
          ...cached.data,
          ...base,
          status: "succeeded",
          cache: { key, hit: true, restoredRunId: cached.data.runId },
          durationMs: Date.now() - startedAt.getTime(),
          comparison: void 0,
          logTail: void 0
        };
      } else {
        log.warning(`Cache entry ${key} is incomplete or does not match its model's sha256; training again.`);
      }
    }
  }
  if (!run) {
    await rm(join4(cwd, TRAIN_DIR), { recursive: true, force: true });
    await mkdir(join4(cwd, TRAIN_DIR), { recursive: true });
    const paths = { dir: join4(cwd, TRAIN_DIR), model: modelPath, metrics: metricsPath, params: join4(cwd, PARAMS_FILE) };
    await writeFileAtomic(paths.params, `${JSON.stringify(params, null, 2)}
`);
    const ctx = { cwd, runId, modelName, config, params, data, log, paths };
    const result = command ? await trainWithCommand(ctx, command) : await trainWithBaseline(ctx, baselineName, dataTrain, config.model.label);
    run = trainRun.parse({
      ...base,
      ...result,
      cache: { key, hit: false },
      durationMs: Date.now() - startedAt.getTime()
    });
    if (run.status === "failed") {
      await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}
`);
      await recordRun(cwd, run);
      return { run, modelPath, runPath };
    }
    const sha = await sha256File(modelPath);
    const bytes2 = (await readFile5(modelPath)).length;
    run.artifact = { path: relative(cwd, modelPath), sha256: sha, bytes: bytes2 };
    const stored = await store(modelPath, "model.onnx");
    if (stored) run.artifact.uri = stored;
    if (existsSync6(metricsPath)) await store(metricsPath, "metrics.json");
    await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}
`);
    if (cacheEnabled) {
      const saved = await platform2.cache.save([modelPath, metricsPath, runPath], key);
      if (!saved) log.warning(`The cache refused to save ${key}; the next run will train again.`);
    }
  }
  run.comparison = await findBaseRun({
    cwd,
    modelName,
    baseBranch: platform2.context.baseRef ?? platform2.context.defaultBranch,
    currentRunId: runId,
    cache: platform2.cache
  }).catch((error) => {
    log.warning(`No comparison with the base branch: ${describeError(error).split("\n").join(" ")}`);
    return void 0;
  });
  await writeFileAtomic(runPath, `${JSON.stringify(run, null, 2)}
`);
  if (!run.cache.hit) await store(runPath, "TrainRun.json");
  await recordRun(cwd, run);
  await savePointer(cwd, platform2.cache, run, modelName);
  log.debug(`TrainRun ${runId} recorded; branch ${branchOf(run.code.ref)}`);
  return { run, modelPath, runPath };
}

// src/actions/train.ts
var trainAction = defineAction({
  name: "train",
  title: "Train model",
  description: "Run a training command (any language) or a built-in ONNX baseline reproducibly, cache by code, data, params and environment, and record the full lineage as a TrainRun.",
  icon: "cpu",
  color: "blue",
  inputs: {
    ...commonInputs,
    command: { description: "Training command. Default: `train.command` from mlops.yaml, else the built-in baseline." },
    baseline: {
      description: "Built-in baseline when no command is set: `auto`, `logistic`, `softmax` or `ridge`. Default: `train.baseline` from mlops.yaml (auto)."
    },
    data: { description: "Training data (path, glob or URL). Default: `data.train` from mlops.yaml." },
    params: {
      description: "Parameters file (YAML or JSON), or the parameters inline (`{C: 0.5}`). Default: `train.params` from mlops.yaml, else `params.yaml` when present."
    },
    force: {
      description: "Train even when the cache has a model for the same inputs.",
      default: "false",
      type: "boolean"
    }
  },
  outputs: {
    model: { description: "Path of the trained ONNX model." },
    run: { description: "Path of the TrainRun JSON." },
    "cache-hit": { description: "`true` when the model was restored from the cache instead of trained." },
    metrics: { description: "Training metrics as JSON." }
  },
  async run({ platform: platform2, inputs, cwd, outDir, config }) {
    const { run, modelPath } = await runTraining({
      platform: platform2,
      cwd,
      config: (await config()).config,
      command: inputs.optional("command"),
      baseline: inputs.optional("baseline"),
      data: inputs.optional("data"),
      params: inputs.optional("params"),
      force: inputs.boolean("force")
    });
    const written = await writeReport(outDir, trainRunRenderer, run);
    const summary = trainRunRenderer.markdown(run, "summary");
    const failed = run.status === "failed";
    return {
      exitCode: failed ? ExitCode.Error : ExitCode.Passed,
      outputs: {
        model: failed ? void 0 : modelPath,
        run: written.json,
        "cache-hit": String(run.cache.hit),
        metrics: JSON.stringify(run.metrics)
      },
      summary,
      headline: failed ? `Training failed: the command exited with code ${run.exitCode}; its last lines are in the summary.` : run.cache.hit ? `Cache hit: restored the model of run ${run.cache.restoredRunId} (${run.artifact?.sha256.slice(0, 12)}).` : `Trained ${run.model.name ?? "model"} in ${(run.durationMs / 1e3).toFixed(1)} s: ${run.artifact?.path}.`
    };
  }
});

export {
  trainBaseline,
  listRuns,
  MODEL_FILE,
  exportBaselineOnnx,
  trainAction
};
//# sourceMappingURL=chunk-FSRS2K43.js.map

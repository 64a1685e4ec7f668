import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Alternative, mannWhitneyU } from '../../src/core/stats/mann-whitney.js';
import { requirePython, runPythonJson } from '../helpers/python.js';

function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

test('Mann-Whitney U and p-values match scipy.stats.mannwhitneyu (asymptotic)', (t) => {
  const python = requirePython(t, ['scipy']);
  if (!python) return;
  const rand = lcg(11);
  const cases: { x: number[]; y: number[]; alternative: Alternative }[] = [];
  const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];
  for (let c = 0; c < 12; c++) {
    const n1 = 5 + Math.floor(rand() * 200);
    const n2 = 5 + Math.floor(rand() * 200);
    const shift = (c % 4) * 0.3;
    // Some cases rounded to force ties, like latencies measured in whole milliseconds.
    const round = c % 3 === 0 ? (v: number) => Math.round(v * 4) / 4 : (v: number) => v;
    cases.push({
      x: Array.from({ length: n1 }, () => round(rand() * 3 + shift)),
      y: Array.from({ length: n2 }, () => round(rand() * 3)),
      alternative: alternatives[c % 3]!,
    });
  }
  cases.push({ x: [1, 1, 1], y: [1, 1], alternative: 'two-sided' });
  const expected = runPythonJson<{ u: number; p: number }[]>(
    python,
    `
import json, sys
from scipy.stats import mannwhitneyu
out = []
for c in json.load(sys.stdin):
    r = mannwhitneyu(c['x'], c['y'], alternative=c['alternative'], method='asymptotic')
    p = float(r.pvalue)
    out.append({'u': float(r.statistic), 'p': p if p == p else None})
print(json.dumps(out))
`,
    cases,
  );
  cases.forEach((c, i) => {
    const ours = mannWhitneyU(c.x, c.y, c.alternative);
    const ref = expected[i]!;
    assert.ok(Math.abs(ours.u - ref.u) <= 1e-9 * Math.max(1, ref.u), `case ${i}: U ${ours.u} vs ${ref.u}`);
    if (ref.p === null) assert.equal(ours.pValue, 1, `case ${i}: all tied`);
    else assert.ok(Math.abs(ours.pValue - ref.p) <= 1e-9, `case ${i} (${c.alternative}): p ${ours.pValue} vs ${ref.p}`);
  });
});

test('a clearly slower sample is detected; identical samples are not', () => {
  const rand = lcg(3);
  const stable = Array.from({ length: 300 }, () => 5 + rand());
  const slow = Array.from({ length: 300 }, () => 5.5 + rand());
  assert.ok(mannWhitneyU(slow, stable, 'greater').pValue < 1e-6);
  assert.ok(mannWhitneyU(stable, stable, 'greater').pValue > 0.4);
  assert.ok(Number.isNaN(mannWhitneyU([], stable).pValue));
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { closeEngine, openDataset } from '../../src/core/data/engine.js';
import {
  buildReferenceProfile,
  formatProfile,
  mergeReferenceProfiles,
  readReferenceProfile,
  writeReferenceProfile,
} from '../../src/core/profile/index.js';
import { ksStatisticSorted } from '../../src/core/stats/ks.js';
import { CdfSketch, ksFromSketches } from '../../src/core/stats/sketch.js';
import { makeRows, writeCsv } from '../drift/data.js';
import { requirePython, runPythonJson } from '../helpers/python.js';
import { tempDir } from '../helpers/tmp.js';

after(() => closeEngine());
const dir = tempDir('mlops-profile-');

test('profile counts equal pandas: rows, nulls, category frequencies, exact counts at quantile knots', async (t) => {
  const python = requirePython(t, ['pandas']);
  if (!python) return;
  const path = writeCsv(join(dir, 'data.csv'), makeRows(1, 5000, { missing: 0.1 }));
  const profile = await buildReferenceProfile(await openDataset(path), { quantiles: 50 });
  const expected = runPythonJson<{
    rows: number;
    nulls: Record<string, number>;
    colors: Record<string, number>;
    below: Record<string, number[]>;
  }>(
    python,
    `
import json, sys
import pandas as pd
path, knots = json.load(sys.stdin)
df = pd.read_csv(path, float_precision="round_trip")
print(json.dumps({
  "rows": len(df),
  "nulls": {c: int(df[c].isna().sum()) for c in df.columns},
  "colors": {k: int(v) for k, v in df["color"].value_counts().items()},
  "below": {c: [int((df[c] <= k).sum()) for k in ks] for c, ks in knots.items()},
}))
`,
    [
      path,
      Object.fromEntries(['x1', 'x3', 'count'].map((c) => [c, profile.columns[c]!.numeric!.knots.map((k) => k[0])])),
    ],
  );
  assert.equal(profile.rows, expected.rows);
  for (const [c, nulls] of Object.entries(expected.nulls)) assert.equal(profile.columns[c]!.nulls, nulls, `${c} nulls`);
  assert.deepEqual(Object.fromEntries(profile.columns.color!.categorical!.categories), expected.colors);
  for (const c of ['x1', 'x3', 'count']) {
    const sketch = profile.columns[c]!.numeric!;
    let cum = 0;
    const cumulative = sketch.knots.map(([, at, between]) => (cum += at + between));
    assert.deepEqual(cumulative, expected.below[c], `${c}: exact count <= each knot`);
  }
  assert.equal(profile.columns.x1!.numeric!.exact, false);
  assert.equal(profile.columns.count!.numeric!.exact, true, 'few distinct values: every value is a knot');
  assert.ok(profile.columns.x1!.numeric!.knots.length <= 51);
});

test('profile files round-trip, one knot per line, and reject a damaged file with a clear error', async () => {
  const path = writeCsv(join(dir, 'small.csv'), makeRows(2, 300));
  const profile = await buildReferenceProfile(await openDataset(path), { quantiles: 100 });
  const file = join(dir, 'reference-profile.json');
  await writeReferenceProfile(file, profile);
  assert.deepEqual(await readReferenceProfile(file), profile);
  const text = readFileSync(file, 'utf8');
  assert.equal(text, formatProfile(profile));
  assert.match(text, /^ {10}\[-?\d[\d.e+-]*, \d+, \d+\],?$/m, 'each knot on its own line');
  assert.ok(text.length < 100_000, `compact: ${text.length} bytes`);
  const broken = join(dir, 'broken.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(broken, text.replace('"ReferenceProfile"', '"Something"'));
  await assert.rejects(readReferenceProfile(broken), /not a reference profile/);
  await assert.rejects(readReferenceProfile(join(dir, 'nope.json')), /Cannot read the reference profile/);
});

test('merged profiles: categories add up exactly, numeric CDF stays within the recorded rank error', async () => {
  const rowsA = makeRows(3, 4000);
  const rowsB = makeRows(4, 3000, { meanShift: 1 });
  const a = await buildReferenceProfile(await openDataset(writeCsv(join(dir, 'a.csv'), rowsA)), { quantiles: 200 });
  const b = await buildReferenceProfile(await openDataset(writeCsv(join(dir, 'b.csv'), rowsB)), { quantiles: 200 });
  const merged = mergeReferenceProfiles(a, b);
  assert.equal(merged.rows, 7000);
  const colors = Object.fromEntries(merged.columns.color!.categorical!.categories);
  const direct: Record<string, number> = {};
  for (const r of [...rowsA, ...rowsB]) direct[String(r.color)] = (direct[String(r.color)] ?? 0) + 1;
  assert.deepEqual(colors, direct);
  const x1 = merged.columns.x1!.numeric!;
  assert.ok(x1.knots.length <= 201, 'compacted back to the knot budget');
  const all = Float64Array.from([...rowsA, ...rowsB].map((r) => Number(r.x1))).sort();
  const mergedSketch = CdfSketch.fromKnots(x1.knots, x1.min, x1.max, x1.rankError * 7000);
  const ks = ksFromSketches(mergedSketch, CdfSketch.fromSorted(all));
  assert.ok(
    ks.value - ks.bound <= 1e-12,
    `merged CDF consistent with the data within its bound: ${JSON.stringify(ks)}`,
  );
  assert.equal(ksStatisticSorted(all, all), 0);
  const whole = await buildReferenceProfile(await openDataset(writeCsv(join(dir, 'ab.csv'), [...rowsA, ...rowsB])));
  assert.ok(Math.abs(whole.columns.x1!.numeric!.mean - x1.mean) < 1e-9);
  assert.ok(Math.abs(whole.columns.x1!.numeric!.std - x1.std) < 1e-9);
});

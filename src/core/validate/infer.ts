/** Schema inference: types from every value, then rules (nulls, ranges, domains, uniqueness, row count) from the profile. */
import { quoteIdent } from '../data/engine.js';
import type { Dataset } from '../data/types.js';
import type { ValidateConfig } from './config.js';
import {
  addDistributionsAndDuplicates,
  num,
  type ProfileResult,
  profileColumns,
  type TypedColumn,
  typedColumn,
  type ValueCounts,
  type ValueType,
} from './profile.js';
import type { ColumnNotes, DataSchema, SchemaColumn } from './schema.js';

export interface Inferred {
  schema: DataSchema;
  notes: Record<string, ColumnNotes>;
  profile: ProfileResult;
  counts: ValueCounts;
}

/** Allowed null share: 0 when none were seen, else twice the observed share rounded up to a percent. */
function nullAllowance(observed: number): number {
  if (observed === 0) return 0;
  return Math.min(1, Math.ceil(observed * 2 * 100) / 100);
}

const ID_NAME = /(^|[_\s.-])(id|key|uuid)$/i;

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SAMPLE_ROWS = 5_000;

/** A type for each text column guessed from the first rows; the full pass then confirms it on every value. */
async function candidateTypes(dataset: Dataset): Promise<{ types: Record<string, ValueType>; keys: Set<string> }> {
  const types: Record<string, ValueType> = {};
  const keys = new Set<string>();
  const text = dataset.columns.filter((c) => c.engineType === 'VARCHAR');
  for (const c of dataset.columns) if (c.engineType !== 'VARCHAR') types[c.name] = c.type;
  const sample = await dataset.query(
    `SELECT ${dataset.columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}`).join(', ')} FROM ${dataset.relation} LIMIT ${SAMPLE_ROWS}`,
  );
  for (const c of dataset.columns) {
    const values = sample.map((r) => r[c.name]).filter((v): v is string => typeof v === 'string');
    // Key candidates: every sampled value present and different. Their distinct count stays exact.
    if (values.length === sample.length && values.length >= 2 && new Set(values).size === values.length)
      keys.add(c.name);
  }
  for (const c of text) {
    const values = sample.map((r) => r[c.name]).filter((v): v is string => typeof v === 'string');
    const all = (test: (v: string) => boolean) => values.length > 0 && values.every(test);
    types[c.name] = all((v) => /^(true|false)$/i.test(v.trim()))
      ? 'boolean'
      : all((v) => INTEGER_TEXT.test(v))
        ? 'integer'
        : all((v) => NUMBER_TEXT.test(v))
          ? 'number'
          : all((v) => DATE_TEXT.test(v.trim()))
            ? 'date'
            : all((v) => TIMESTAMP_TEXT.test(v.trim()))
              ? 'timestamp'
              : 'string';
  }
  return { types, keys };
}

/**
 * Two passes over the data: the profile under the candidate types (confirming that every value fits them and
 * which numbers are whole), then the distributions. A column whose later values break its candidate type is
 * profiled again as string (one more pass, for those columns only).
 */
async function profileAsInferred(
  dataset: Dataset,
  exact: boolean,
): Promise<{ profile: ProfileResult; columns: TypedColumn[]; keys: Set<string> }> {
  const { types: candidates, keys } = await candidateTypes(dataset);
  let columns = dataset.columns.map((c) => typedColumn(dataset, c.name, candidates[c.name] ?? 'string'));
  const profile = await profileColumns(dataset, columns, dataset.relation, [], exact);
  // A later value that breaks the candidate type: an integer column falls back to number, anything else to string.
  const broken: number[] = [];
  columns = columns.map((c, i) => {
    const p = profile.columns[i]!;
    if (c.engineType !== 'VARCHAR' || c.type === 'string' || p.count === num(profile.row[`valid${i}`])) return c;
    broken.push(i);
    return typedColumn(dataset, c.name, c.type === 'integer' ? 'number' : 'string');
  });
  for (let round = 0; round < 2 && broken.length > 0; round++) {
    const again = await profileColumns(
      dataset,
      broken.map((i) => columns[i]!),
      dataset.relation,
      [],
      exact,
    );
    const still: number[] = [];
    broken.forEach((i, k) => {
      profile.columns[i] = again.columns[k]!;
      if (columns[i]!.type !== 'string' && again.columns[k]!.count !== num(again.row[`valid${k}`])) {
        still.push(i);
        columns[i] = typedColumn(dataset, columns[i]!.name, 'string');
      }
    });
    broken.splice(0, broken.length, ...still);
  }
  return { profile, columns, keys };
}

/**
 * Large data: key candidates, integer or text columns whose sampled values all differ and that have no nulls.
 * Whether they are unique is counted in the distributions pass (grouped, so it spills to disk under a memory
 * limit, unlike count(DISTINCT)).
 */
function keyCandidates(
  columns: TypedColumn[],
  profile: ProfileResult,
  keys: Set<string>,
): { c: TypedColumn; i: number }[] {
  return columns
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c, i }) =>
        keys.has(c.name) && (c.type === 'integer' || c.type === 'string') && profile.columns[i]!.count === profile.rows,
    );
}

export async function inferSchema(
  dataset: Dataset,
  name: string,
  config: ValidateConfig,
  exact = true,
): Promise<Inferred> {
  const { profile, columns, keys } = await profileAsInferred(dataset, exact);
  const candidates = exact ? [] : keyCandidates(columns, profile, keys);
  const { counts, duplicates } = await addDistributionsAndDuplicates(
    dataset,
    columns,
    profile.columns,
    candidates.map(({ c }) => [c.typed]),
  );
  if (!exact) {
    // Only exactly counted columns may be declared unique: the candidates found without duplicates.
    keys.clear();
    candidates.forEach(({ c, i }, k) => {
      if (duplicates[k]!.rows > 0) return;
      keys.add(c.name);
      profile.columns[i]!.distinct = profile.columns[i]!.count;
    });
  }
  const schemaColumns: Record<string, SchemaColumn> = {};
  const notes: Record<string, ColumnNotes> = {};
  const uniqueColumns: string[] = [];
  for (const p of profile.columns) {
    const column: SchemaColumn = { type: p.type as SchemaColumn['type'], maxNullShare: nullAllowance(p.nullShare) };
    const note: ColumnNotes = { observedNullShare: p.nullShare, distinct: p.distinct ?? 0 };
    if (p.type === 'integer' || p.type === 'number') {
      if (p.min !== null && p.min !== undefined) column.min = p.min;
      if (p.max !== null && p.max !== undefined) column.max = p.max;
    }
    if (p.type === 'string' || p.type === 'boolean') {
      const values = counts[p.name];
      if (values && p.distinct !== null && p.distinct <= config.maxCategories && p.distinct < p.count) {
        column.categories = values.map((v) => v.value).sort();
      } else if (p.type === 'string') {
        // A HyperLogLog estimate (large data, more than 10,000 values) can neither show nor rule out all-different.
        const estimated = !exact && !keys.has(p.name) && !values;
        note.freeText = p.count === 0 ? 'empty' : p.distinct === p.count && !estimated ? 'all-different' : 'many';
        if (estimated) note.distinctEstimated = true;
      }
    }
    // Only exactly counted columns can be declared unique (never a HyperLogLog estimate).
    const counted = exact || keys.has(p.name);
    const unique = counted && p.count === profile.rows && p.distinct === p.count && profile.rows >= 2;
    if (unique && (p.type === 'integer' || p.type === 'string')) {
      column.unique = true;
      uniqueColumns.push(p.name);
    }
    schemaColumns[p.name] = column;
    notes[p.name] = note;
  }
  const key = uniqueColumns.find((c) => ID_NAME.test(c));
  const schema: DataSchema = {
    version: 1,
    dataset: name,
    rows: { min: Math.max(1, Math.floor(profile.rows / 10)), max: profile.rows * 10 },
    keys: key ? [key] : [],
    strictColumns: true,
    columns: schemaColumns,
  };
  return { schema, notes, profile, counts };
}

/**
 * Demo: infer the data schema from the training data and commit it like a reviewed pull request would, validate
 * the data against it (passes), then validate a corrupted copy (fails with readable anomalies; the demo goes on).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { validateDataAction } from '../../actions/validate-data.js';
import { ExitCode, MlopsError } from '../../core/errors.js';
import type { DemoStep } from '../steps.js';

/**
 * The training data with the problems that reach real pipelines: a unit change (kg instead of g), a typo'd
 * number, an unknown island, rows without label, and one island whose records lost the sex column (fine overall,
 * only its slice shows it).
 */
export function corruptPenguins(csv: string): string {
  const [header, ...lines] = csv.trim().split('\n');
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const rows = lines.map((l) => l.split(','));
  const set = (row: number, column: string, value: string) => {
    const cells = rows[row - 1];
    if (cells && at(column) >= 0) cells[at(column)] = value;
  };
  set(12, 'body_mass_g', '4.15');
  set(13, 'body_mass_g', '3.9');
  set(40, 'bill_length_mm', '4O.1');
  set(77, 'island', 'Atlantis');
  set(101, 'species', '');
  set(150, 'species', '');
  let dropped = 0;
  rows.forEach((cells, i) => {
    if (cells[at('island')] === 'Torgersen' && cells[at('sex')] !== '' && dropped < 5) {
      set(i + 1, 'sex', '');
      dropped++;
    }
  });
  return `${[header, ...rows.map((r) => r.join(','))].join('\n')}\n`;
}

export const validateStep: DemoStep = {
  title: 'Validate the data: infer and commit a schema, pass on clean data, fail on a corrupted copy',
  async run(ctx) {
    ctx.say('mlops validate-data --infer   # writes .mlops/schema/train.yaml for review\n');
    const inferred = await ctx.run(validateDataAction, { infer: 'true' }, { quiet: true });
    if (inferred.exitCode !== ExitCode.Passed)
      throw new MlopsError('Inferring the schema failed.', { kind: 'internal' });
    const schema = readFileSync(ctx.path('.mlops/schema/train.yaml'), 'utf8');
    ctx.say(schema.split('\n').slice(0, 24).join('\n'));
    ctx.say('  …\n');
    ctx.git('add', '.mlops/schema/train.yaml');
    ctx.git('commit', '-q', '-m', 'Data schema for the training data (reviewed)');

    ctx.say('mlops validate-data   # data/train.csv against the committed schema\n');
    const clean = await ctx.run(validateDataAction, {}, { quiet: true });
    ctx.say(clean.summary.split('\n').find((l) => l.startsWith('## ')) ?? '');
    if (clean.exitCode !== ExitCode.Passed) {
      throw new MlopsError('The shipped data should pass its own schema.', { kind: 'internal', found: clean.summary });
    }

    writeFileSync(ctx.path('data/incoming.csv'), corruptPenguins(readFileSync(ctx.path('data/train.csv'), 'utf8')));
    ctx.say('\nmlops validate-data --data data/incoming.csv --schema .mlops/schema/train.yaml   # a corrupted batch\n');
    const corrupted = await ctx.run(validateDataAction, {
      data: 'data/incoming.csv',
      schema: '.mlops/schema/train.yaml',
    });
    ctx.say(`exit code ${corrupted.exitCode} (expected 1: the data failed its checks; the demo continues)`);
    if (corrupted.exitCode !== ExitCode.Failed) {
      throw new MlopsError('The corrupted copy should fail validation.', {
        kind: 'internal',
        found: `exit code ${corrupted.exitCode}`,
      });
    }
    // The pipeline validates the training data before training: that report (not the rejected batch's) is the one
    // the later steps find in .mlops/out and put on the model card.
    const again = await ctx.run(validateDataAction, {}, { quiet: true });
    if (again.exitCode !== ExitCode.Passed)
      throw new MlopsError('Re-validating the training data failed.', { kind: 'internal' });
    ctx.say('\nmlops validate-data   # the training data again, before training: passed');
  },
};

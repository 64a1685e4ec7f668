import { relative, resolve } from 'node:path';
import { writeReport } from '../core/report/render.js';
import { validationRenderer } from '../core/validate/render.js';
import { exitCodeFor, type FailOn, runValidation } from '../core/validate/run.js';
import { commonInputs, defineAction, failOnInput } from './define.js';

export const validateDataAction = defineAction({
  name: 'validate-data',
  title: 'Validate data',
  description:
    'Infer a reviewed schema for tabular data (CSV, Parquet, JSON Lines) and check data against it: types, nulls, ranges, categories, keys, row counts, SQL rules, label balance, slices and skew against a reference.',
  icon: 'check-square',
  color: 'green',
  inputs: {
    ...commonInputs,
    data: { description: 'Data to validate: a path, glob or HTTP(S) URL. Default: `data.train` from mlops.yaml.' },
    schema: { description: 'Schema file. Default: `.mlops/schema/<dataset>.yaml`.' },
    infer: {
      description: 'Infer the schema and write it (or show the diff against the committed one) instead of checking.',
      default: 'false',
      type: 'boolean',
    },
    update: {
      description: 'With infer: overwrite a committed schema that differs from the data (default: only show the diff).',
      default: 'false',
      type: 'boolean',
    },
    reference: { description: 'Reference dataset (e.g. training data) to compare distributions with (skew).' },
    'fail-on': failOnInput,
  },
  outputs: {
    passed: { description: '`true` when no check failed at the fail-on level.' },
    report: { description: 'Path of the ValidationReport JSON.' },
    'failed-checks': { description: 'Number of failed checks.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const { report } = await runValidation({
      cwd,
      loaded: await config(),
      data: inputs.optional('data'),
      schema: inputs.optional('schema'),
      infer: inputs.boolean('infer'),
      update: inputs.boolean('update'),
      reference: inputs.optional('reference'),
      failOn: inputs.choice<FailOn>('fail-on'),
    });
    // Annotations point at the rule's line; paths relative to the repository root, where CI resolves them.
    for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
      const file = check.rule ? relative(platform.context.workspace, resolve(cwd, check.rule.file)) : undefined;
      const annotation = { file, line: check.rule?.line, title: `validate-data: ${check.name}` };
      const text = `${check.message}${check.found ? ` Found: ${check.found}.` : ''}`;
      if (check.status === 'fail') platform.log.error(text, annotation);
      else platform.log.warning(text, annotation);
    }
    const written = await writeReport(outDir, validationRenderer, report);
    const failed = report.summary.failed + (report.failOn === 'warning' ? report.summary.warnings : 0);
    return {
      exitCode: exitCodeFor(report),
      outputs: { passed: String(report.passed), report: written.json, 'failed-checks': String(failed) },
      summary: validationRenderer.markdown(report, 'summary'),
      headline:
        report.mode === 'infer'
          ? `Schema ${report.schema.status}: ${report.schema.file} (${report.dataset.rows} rows, ${report.dataset.columns} columns).`
          : `${report.passed ? 'Passed' : 'Failed'}: ${report.summary.failed} failed, ${report.summary.warnings} warning(s) of ${report.summary.checks} checks on ${report.dataset.rows} rows.`,
    };
  },
});

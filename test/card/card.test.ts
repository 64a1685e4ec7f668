import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { registerModelAction } from '../../src/actions/register-model.js';
import { executeAction } from '../../src/actions/runner.js';
import { buildModelCard } from '../../src/core/card/build.js';
import { readCardInputs } from '../../src/core/card/inputs.js';
import { CARD_COMMENT_LIMIT, renderCard } from '../../src/core/card/render.js';
import { modelCard } from '../../src/core/card/schema.js';
import { DEFAULT_CARD_TEMPLATE, parseCardTemplate } from '../../src/core/card/template.js';
import { evaluationReport } from '../../src/core/evaluate/report.js';
import { trainRun } from '../../src/core/train/report.js';
import { validationReport } from '../../src/core/validate/report.js';
import { LocalPlatform } from '../../src/platform/local.js';
import { tempDir } from '../helpers/tmp.js';
import { quietLogger } from '../registry/helpers.js';
import { sampleEvaluation, sampleTrainRun, sampleValidation } from './samples.js';

const TEMPLATE = `# Card
## Overview
Predicts the species of a penguin from its measurements.
## Owners
- ml-team@example.com
## Intended use
Field researchers sorting photographed penguins.
## Limitations
Trained on three islands only.
## Ethical considerations
<!-- instructions for the author are dropped -->
None known; no personal data.
## Monitoring
Drift checks run daily.
`;

const subject = { name: 'penguins', version: '1.3.0', date: '2026-01-02', stages: ['staging', 'production'] };

test('samples follow the team’s report schemas', () => {
  assert.ok(trainRun.safeParse(sampleTrainRun()).success);
  assert.ok(evaluationReport.safeParse(sampleEvaluation()).success);
  assert.ok(validationReport.safeParse(sampleValidation()).success);
});

test('card: data validation summary from a ValidationReport, checks not passed listed', () => {
  const card = buildModelCard(subject, { validation: sampleValidation() as never }, parseCardTemplate(TEMPLATE, 't'));
  assert.equal(card.mlops.validation?.verdict, 'fail');
  const md = renderCard(card, { registered: true });
  assert.match(md, /❌ fail: 3 checks on 333 rows, 2 not passed\./);
  assert.match(md, /\| ❌ fail \| bill_length_mm not null \| 12 rows \(3\.6%\) are null \|/);
  assert.match(md, /\| ⚠️ warn \| island in set \| 1 new value \|/);
});

test('card: Model Card Toolkit sections filled from reports and the template, failures first', () => {
  const card = buildModelCard(
    subject,
    { trainRun: sampleTrainRun(), evaluation: sampleEvaluation() as never },
    parseCardTemplate(TEMPLATE, '.mlops/card-template.md'),
  );
  assert.ok(modelCard.safeParse(card).success, 'card JSON matches its schema');
  assert.equal(card.model_details.overview, 'Predicts the species of a penguin from its measurements.');
  assert.deepEqual(card.model_details.owners, [{ name: 'ml-team@example.com' }]);
  assert.deepEqual(card.considerations.ethical_considerations, [{ name: 'None known; no personal data.' }]);
  assert.deepEqual(card.mlops.extraSections, [{ title: 'Monitoring', body: 'Drift checks run daily.' }]);
  const acc = card.quantitative_analysis.performance_metrics.find((m) => m.type === 'accuracy' && m.slice === '')!;
  assert.deepEqual(acc.confidence_interval, { lower_bound: 0.89, upper_bound: 0.96 });
  assert.deepEqual(acc.delta, { value: 0.03, lower: 0.01, upper: 0.05 });

  const md = renderCard(card, { registered: true });
  for (const section of [
    '### Gates',
    '### Quantitative analysis',
    '### Data validation',
    '### Model details',
    '### Considerations',
    '### How to promote',
  ]) {
    assert.ok(md.includes(section), section);
  }
  assert.ok(md.indexOf('❌ fail') < md.indexOf('✅ pass'), 'failed gate listed first');
  assert.match(md, /\| accuracy \| 0\.93 \| \[0\.89, 0\.96\] \| 0\.9 \| \+0\.03 \[\+0\.01, \+0\.05\] ▲ \|/);
  assert.match(md, /\| log_loss \| — \|/);
  assert.ok(!/NaN/.test(md), 'never NaN');
  assert.match(md, /```mermaid\nxychart-beta\n {2}title "candidate − champion"\n {2}x-axis \["accuracy"\]/);
  assert.match(md, /```mermaid\nxychart-beta\n {2}title "accuracy by slice"/);
  assert.match(md, /<summary>Fairness<\/summary>/);
  assert.match(md, /female: 30\.0% \(n=50\)/);
  assert.match(md, /<summary>Lineage<\/summary>/);
  assert.match(md, /`0123456789abcdef0123456789abcdef01234567`/);
  assert.match(md, /mlops promote penguins 1\.3\.0 production/);
  assert.match(md, /Field researchers sorting/);
  assert.match(md, /Not available for this card: ValidationReport/);
  assert.ok(!md.includes('instructions for the author'));
});

test('card stays under the comment limit with thousands of slices (worst first), every <details> closed', () => {
  const evaluation = sampleEvaluation(4000);
  const card = buildModelCard(
    subject,
    { trainRun: sampleTrainRun(), evaluation: evaluation as never },
    parseCardTemplate(TEMPLATE),
  );
  const md = renderCard(card, { registered: false });
  assert.ok(md.length <= CARD_COMMENT_LIMIT, `${md.length} characters`);
  assert.ok(Buffer.byteLength(md) <= CARD_COMMENT_LIMIT);
  assert.equal((md.match(/<details/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
  assert.equal((md.match(/^```/gm) ?? []).length % 2, 0, 'code fences balanced');
  assert.match(md, /3850 more slices are in card\.json/);
  assert.match(
    md,
    /\| Slice \| Rows \| accuracy \| Δ accuracy vs champion \| Note \|\n[^\n]+\n\| island=Island3999 \|/,
    'worst slice first',
  );
  assert.match(md, /### How to promote/, 'sections after the long table survive');

  // A runaway human-written section is the last resort: the card is cut with a visible note.
  const huge = parseCardTemplate(`## Limitations\n${'Very long text. '.repeat(10_000)}`);
  const cut = renderCard(buildModelCard(subject, { evaluation: evaluation as never }, huge), { registered: true });
  assert.ok(cut.length <= CARD_COMMENT_LIMIT);
  assert.match(cut, /truncated to fit the size limit/);
  assert.equal((cut.match(/<details/g) ?? []).length, (cut.match(/<\/details>/g) ?? []).length);
});

test('missing template and reports: the card says what is missing and where to write it', () => {
  const card = buildModelCard(subject, {}, { extra: [] });
  const md = renderCard(card, { registered: true });
  assert.match(md, /Not written yet: add a `## Intended use` section to `\.mlops\/card-template\.md`/);
  assert.match(md, /No evaluation report/);
  assert.equal(card.mlops.verdict, 'unknown');
  assert.ok(
    parseCardTemplate(DEFAULT_CARD_TEMPLATE).extra.length === 0,
    'the starter template has only known sections',
  );
});

test('report inputs: owners’ schemas first, a lenient view for older files, a clear error for wrong ones', async () => {
  const dir = tempDir();
  const older = { ...sampleTrainRun() } as Record<string, unknown>;
  delete older.environment;
  delete older.cache;
  writeFileSync(join(dir, 'TrainRun.json'), JSON.stringify(older));
  const read = await readCardInputs({ trainRun: { path: join(dir, 'TrainRun.json'), explicit: true } });
  assert.equal(read.trainRun?.runId, 'run-42');

  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ kind: 'TrainRun', status: 'succeeded' }));
  await assert.rejects(
    readCardInputs({ trainRun: { path: join(dir, 'bad.json'), explicit: true } }),
    /is not a TrainRun: runId/,
  );
  await assert.rejects(
    readCardInputs({ evaluation: { path: join(dir, 'nope.json'), explicit: true } }),
    /does not exist/,
  );
  assert.deepEqual(await readCardInputs({ evaluation: { path: join(dir, 'nope.json'), explicit: false } }), {});
});

test('comment mode posts one card comment on the pull request and updates it in place', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.mlops', 'out'), { recursive: true });
  writeFileSync(join(dir, 'mlops.yaml'), 'model:\n  name: penguins\n  task: multiclass\n  label: species\n');
  writeFileSync(join(dir, '.mlops', 'card-template.md'), TEMPLATE);
  writeFileSync(join(dir, '.mlops', 'out', 'TrainRun.json'), JSON.stringify(sampleTrainRun()));
  writeFileSync(join(dir, '.mlops', 'out', 'EvaluationReport.json'), JSON.stringify(sampleEvaluation()));
  const run = async () => {
    const platform = new LocalPlatform({ workspace: dir, inputs: { mode: 'auto' }, logger: quietLogger() });
    Object.assign(platform.context, { event: 'pull_request', pullRequest: 7 });
    return { exitCode: await executeAction(registerModelAction, platform), outputs: platform.outputs };
  };
  const first = await run();
  assert.equal(first.exitCode, 0);
  const second = await run();
  assert.equal(second.exitCode, 0);
  const state = JSON.parse(readFileSync(join(dir, '.mlops', 'local', 'platform.json'), 'utf8'));
  assert.equal(state.comments.length, 1, 'updated, not duplicated');
  assert.match(state.comments[0].body, /<!-- mlops-actions:v1:model-card:penguins -->/);
  assert.match(state.comments[0].body, /Model card: penguins candidate \(#7\)/);
  assert.match(state.comments[0].body, /Merging this pull request registers the model/);
  const report = JSON.parse(readFileSync(join(dir, '.mlops', 'out', 'ModelCard.json'), 'utf8'));
  assert.equal(report.kind, 'ModelCard');
  assert.equal(report.card.model_details.name, 'penguins');
});

import { ExitCode } from '../core/errors.js';
import { evaluationRenderer } from '../core/evaluate/render.js';
import { runEvaluation } from '../core/evaluate/run.js';
import { renderMarkdown, writeReport } from '../core/report/render.js';
import { commonInputs, defineAction, failOnInput } from './define.js';

export const evaluateGateAction = defineAction({
  name: 'evaluate-gate',
  title: 'Evaluate and gate',
  description:
    'Run the candidate ONNX model on held-out data, compute metrics overall and per slice with bootstrap confidence intervals, compare with the production champion and pass or block.',
  icon: 'shield',
  color: 'purple',
  inputs: {
    ...commonInputs,
    model: { description: 'Candidate ONNX model.', required: true },
    data: { description: 'Evaluation data. Default: `data.eval` from mlops.yaml.' },
    champion: {
      description:
        "Champion model: a path, or a registry reference such as `churn#production`, or `none`. Default: the model's production stage.",
    },
    'fail-on': failOnInput,
  },
  outputs: {
    passed: { description: '`true` when every gate passed.' },
    report: { description: 'Path of the EvaluationReport JSON.' },
  },
  async run({ platform, inputs, cwd, outDir, config }) {
    const report = await runEvaluation({
      platform,
      cwd,
      outDir,
      loaded: await config(),
      model: inputs.string('model'),
      data: inputs.optional('data'),
      champion: inputs.optional('champion'),
    });
    const written = await writeReport(outDir, evaluationRenderer, report);
    const failOn = inputs.choice<'error' | 'warning' | 'never'>('fail-on');
    const failed = report.gates.filter((g) => g.status === 'fail');
    const blocking =
      failOn === 'never' ? [] : failOn === 'warning' ? failed : failed.filter((g) => g.severity === 'error');
    // Annotations for the whole-set gates and the first slice failures; the summary lists every gate.
    const annotated = [
      ...failed.filter((g) => g.slice === null),
      ...failed.filter((g) => g.slice !== null).slice(0, 5),
    ];
    for (const gate of annotated) {
      const where = gate.line ? { file: 'mlops.yaml', line: gate.line, title: gate.name } : { title: gate.name };
      if (gate.severity === 'error') platform.log.error(`${gate.name}: ${gate.reason}`, where);
      else platform.log.warning(`${gate.name}: ${gate.reason}`, where);
    }
    return {
      exitCode: blocking.length > 0 ? ExitCode.Failed : ExitCode.Passed,
      outputs: { passed: String(report.verdict === 'pass'), report: written.json },
      summary: renderMarkdown(evaluationRenderer, report, 'summary'),
      headline: report.headline,
    };
  },
});

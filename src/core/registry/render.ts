/** Markdown and checks for the registry's reports. */
import type { CheckResult } from '../report/envelope.js';
import { code, table } from '../report/markdown.js';
import type { ReportRenderer } from '../report/render.js';
import type { ModelVersion } from './schema.js';

export const modelVersionRenderer: ReportRenderer<ModelVersion & { status?: string; cardMarkdown?: string }> = {
  kind: 'ModelVersion',
  title: 'Model registry',
  markdown(report) {
    const head = table(
      ['', ''],
      [
        ['Model', report.name],
        ['Version', `${report.version}${report.status === 'existing' ? ' (already registered: nothing new)' : ''}`],
        ['Tag', code(report.tag)],
        ['Versioning', `${report.versioning.bump}: ${report.versioning.reason}`],
        ['Artifact', report.artifact.uri],
        ['sha256', code(report.artifact.sha256)],
        ['Stages', report.currentStages.join(', ') || '—'],
      ],
    );
    return [`## 📦 ${report.name} ${report.version}`, head, report.cardMarkdown ?? ''].filter(Boolean).join('\n\n');
  },
  checks(report): CheckResult[] {
    return [
      {
        suite: 'registry',
        name: `register ${report.name}`,
        status: 'pass',
        message: `${report.tag} (${report.status ?? 'registered'})`,
      },
    ];
  },
};

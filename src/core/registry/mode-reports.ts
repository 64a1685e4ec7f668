/** The reports of register-model's other modes: the PR card, a promotion, applied stage changes. */
import { z } from 'zod';
import { modelCard } from '../card/schema.js';
import { reportEnvelope } from '../report/envelope.js';
import { code, table } from '../report/markdown.js';
import type { ReportRenderer } from '../report/render.js';

export const modelCardReport = reportEnvelope.extend({
  kind: z.literal('ModelCard'),
  model: z.string(),
  card: modelCard,
  markdown: z.string(),
  comment: z.object({ id: z.number(), url: z.string().optional(), created: z.boolean() }).nullable(),
});
export type ModelCardReport = z.infer<typeof modelCardReport>;

export const modelCardRenderer: ReportRenderer<ModelCardReport> = {
  kind: 'ModelCard',
  title: 'Model card',
  markdown: (r) => r.markdown,
  checks: (r) =>
    r.card.mlops.gates.map((g) => ({
      suite: 'gates',
      name: g.name,
      status: g.status === 'fail' ? 'fail' : g.status === 'skip' ? 'skip' : 'pass',
      message: g.reason,
    })),
};

export const promotionReport = reportEnvelope.extend({
  kind: z.literal('Promotion'),
  model: z.string(),
  action: z.enum(['assign', 'unassign', 'deprecate']),
  version: z.string(),
  stage: z.string().optional(),
  currentHolder: z.string().optional(),
  branch: z.string(),
  base: z.string(),
  commit: z.string(),
  pushed: z.boolean(),
  title: z.string(),
  body: z.string(),
  pullRequest: z.object({ number: z.number(), url: z.string().optional() }).optional(),
  newPullRequestUrl: z.string().optional(),
});
export type PromotionReport = z.infer<typeof promotionReport>;

export const promotionRenderer: ReportRenderer<PromotionReport> = {
  kind: 'Promotion',
  title: 'Model promotion',
  markdown: (r) => r.body,
  checks: (r) => [{ suite: 'registry', name: r.title, status: 'pass', message: r.pullRequest?.url ?? r.branch }],
};

export const stageChangesReport = reportEnvelope.extend({
  kind: z.literal('StageChanges'),
  changes: z.array(
    z.object({
      model: z.string(),
      kind: z.enum(['assign', 'unassign', 'deprecate']),
      stage: z.string().optional(),
      version: z.string(),
      tag: z.string(),
      requestedBy: z.string().optional(),
      approvedBy: z.array(z.string()),
      pullRequest: z.number().optional(),
    }),
  ),
});
export type StageChangesReport = z.infer<typeof stageChangesReport>;

export const stageChangesRenderer: ReportRenderer<StageChangesReport> = {
  kind: 'StageChanges',
  title: 'Stage changes',
  markdown: (r) =>
    r.changes.length
      ? `## 🏷️ Stage changes applied\n\n${table(
          ['Model', 'Change', 'Version', 'Tag', 'Requested by', 'Approved by', 'PR'],
          r.changes.map((c) => [
            c.model,
            c.kind === 'deprecate' ? 'deprecate' : `${c.kind} ${c.stage}`,
            c.version,
            code(c.tag),
            c.requestedBy ?? '—',
            c.approvedBy.join(', ') || '—',
            c.pullRequest ?? '—',
          ]),
        )}`
      : '## 🏷️ Stage changes\n\nstages.yaml and the stage tags agree: nothing to apply.',
  checks: (r) => r.changes.map((c) => ({ suite: 'registry', name: c.tag, status: 'pass', message: c.kind })),
};

/**
 * Opening a promotion: the stages.yaml branch (promote.ts), the pull request body with the card and the
 * comparison against the current holder, and the pull request itself (opened through the platform).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../../platform/types.js';
import { MlopsError } from '../errors.js';
import { type PromoteRequest, type PromotionPlan, planPromotion } from './promote.js';
import { runBranch } from './service.js';

/** The promotion PR's body: what changes, the card of the version, and how it compares with the current holder. */
export async function promotionBody(repoDir: string, plan: PromotionPlan): Promise<string> {
  const v = plan.version;
  const lines: string[] = [`## ${plan.title}`, ''];
  lines.push(
    `This pull request changes \`.mlops/registry/${plan.name}/stages.yaml\`. Merging it is the approval: the release workflow then tags it (\`${plan.name}#<stage>#<n>\`) and starts the deployment.`,
    '',
  );
  if (plan.stage) {
    lines.push(
      `| | Version | Verdict | Registered |`,
      `| --- | --- | --- | --- |`,
      `| **${plan.action === 'assign' ? 'Candidate' : 'Version'}** | ${v.version} | ${v.lineage.evaluation?.verdict ?? '—'} | ${v.registeredAt.slice(0, 10)} |`,
    );
    if (plan.current) {
      const c = plan.current;
      lines.push(
        `| Current ${plan.stage} | ${c.version} | ${c.lineage.evaluation?.verdict ?? '—'} | ${c.registeredAt.slice(0, 10)} |`,
      );
    }
    lines.push('');
    const cm = new Map((plan.current?.lineage.evaluation?.metrics ?? []).map((m) => [m.name, m.value]));
    const metrics = v.lineage.evaluation?.metrics ?? [];
    if (metrics.length) {
      lines.push(
        '| Metric | This version | Interval | Current holder | Difference |',
        '| --- | ---: | ---: | ---: | ---: |',
      );
      for (const m of metrics) {
        const other = cm.get(m.name);
        const diff = m.value !== null && other !== undefined && other !== null ? m.value - other : null;
        const f = (x: number | null | undefined) =>
          x === null || x === undefined ? '—' : Number(x.toPrecision(4)).toString();
        lines.push(
          `| ${m.name} | ${f(m.value)} | ${m.lower !== null && m.upper !== null ? `[${f(m.lower)}, ${f(m.upper)}]` : '—'} | ${f(other)} | ${diff === null ? '—' : `${diff > 0 ? '+' : ''}${f(diff)}`} |`,
        );
      }
      lines.push('');
    }
  }
  try {
    const card = await readFile(join(repoDir, v.card.markdown), 'utf8');
    lines.push('<details><summary>Model card</summary>', '', card.replace(/^## /m, '### '), '', '</details>');
  } catch {
    lines.push(`_The card of ${v.version} is not in this checkout (${v.card.markdown})._`);
  }
  const body = lines.join('\n');
  return body.length > 60_000 ? `${body.slice(0, 59_000)}\n\n_… truncated; see ${v.card.markdown}._\n</details>` : body;
}

export interface Promotion {
  plan: PromotionPlan;
  body: string;
  pullRequest?: { number: number; url?: string };
  /** A link that opens the pull/merge request form for the pushed branch, when the platform refused to open it. */
  newPullRequestUrl?: string;
}

/** GitHub's compare view or GitLab's new merge request form, prefilled with branches and title. */
export function newPullRequestUrl(platform: Platform, head: string, base: string, title: string): string | undefined {
  const run = platform.context.runUrl;
  const q = encodeURIComponent;
  if (platform.name === 'github' && run?.includes('/actions/runs/')) {
    const repo = run.split('/actions/runs/')[0];
    return `${repo}/compare/${q(base)}...${q(head)}?quick_pull=1&title=${q(title)}`;
  }
  if (platform.name === 'gitlab' && run?.includes('/-/')) {
    const repo = run.split('/-/')[0];
    const mr = (key: string, value: string) => `${q(`merge_request[${key}]`)}=${q(value)}`;
    return `${repo}/-/merge_requests/new?${mr('source_branch', head)}&${mr('target_branch', base)}&${mr('title', title)}`;
  }
  return undefined;
}

export async function openPromotion(platform: Platform, request: PromoteRequest): Promise<Promotion> {
  const plan = await planPromotion({ fallbackBranch: runBranch(platform), ...request });
  const body = await promotionBody(request.repoDir, plan);
  if (!plan.pushed) return { plan, body };
  const url = newPullRequestUrl(platform, plan.head, plan.base, plan.title);
  try {
    const { number, url: prUrl } = await platform.openPullRequest({
      head: plan.head,
      base: plan.base,
      title: plan.title,
      body,
    });
    return { plan, body, pullRequest: { number, ...(prUrl ? { url: prUrl } : {}) } };
  } catch (error) {
    // The branch is pushed; when the token may not open pull requests, a link to the form still finishes the job.
    if (!(error instanceof MlopsError) || !['api', 'config'].includes(error.kind) || !url) throw error;
    platform.log.warning(`${error.message}${error.hint ? ` ${error.hint}` : ''}`);
    return { plan, body, newPullRequestUrl: url };
  }
}

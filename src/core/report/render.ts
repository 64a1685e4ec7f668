import { join } from 'node:path';
import { writeFileAtomic } from '../fs.js';
import type { CheckResult } from './envelope.js';
import { renderJUnit } from './junit.js';
import { limitBytes } from './markdown.js';

export type RenderTarget = 'summary' | 'comment' | 'cli';

/** How one report kind becomes Markdown and checks. Each kind's module exports one of these. */
export interface ReportRenderer<R> {
  kind: string;
  /** Human title, e.g. "Data validation". */
  title: string;
  markdown(report: R, target: RenderTarget): string;
  checks(report: R): CheckResult[];
}

/** GitHub's step-summary limit is 1 MiB per step; PR comments 65,536 characters. Keep a margin. */
export const SIZE_LIMITS: Record<RenderTarget, number> = {
  summary: 1_000_000,
  comment: 60_000,
  cli: Number.POSITIVE_INFINITY,
};

export function renderMarkdown<R>(renderer: ReportRenderer<R>, report: R, target: RenderTarget): string {
  const md = renderer.markdown(report, target);
  return Number.isFinite(SIZE_LIMITS[target]) ? limitBytes(md, SIZE_LIMITS[target]) : md;
}

export interface WrittenReport {
  json: string;
  markdown: string;
  junit: string;
}

/**
 * Writes <kind>.json, <kind>.md and <kind>.junit.xml into dir. Each file is written atomically and the JSON,
 * the file other steps consume, is written last, so a crash never leaves a complete-looking partial report.
 */
export async function writeReport<R extends { kind: string }>(
  dir: string,
  renderer: ReportRenderer<R>,
  report: R,
): Promise<WrittenReport> {
  const base = join(dir, report.kind);
  const paths = { json: `${base}.json`, markdown: `${base}.md`, junit: `${base}.junit.xml` };
  await writeFileAtomic(paths.markdown, renderMarkdown(renderer, report, 'summary'));
  await writeFileAtomic(paths.junit, renderJUnit(renderer.title, renderer.checks(report)));
  await writeFileAtomic(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  return paths;
}

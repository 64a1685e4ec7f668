/**
 * Demo: production data moved. A shifted copy of the penguin data (heavier birds, longer bills, a new island,
 * missing flipper lengths) is checked against the training reference; the drift opens an alert issue and
 * triggers retraining through the local platform (.mlops/local/platform.json), and a second run shows the
 * cooldown keeping a persistent drift from starting a retraining storm.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { driftCheckAction } from '../../actions/drift-check.js';
import { ExitCode } from '../../core/errors.js';
import type { DemoContext } from '../context.js';
import type { DemoStep } from '../steps.js';

/** A deterministic draw in [0, 1) per row and purpose, so the shifted copy is the same on every machine. */
function draw(row: number, purpose: string): number {
  return createHash('sha256').update(`drift-demo:${purpose}:${row}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function shiftPenguins(csv: string): string {
  const [header, ...lines] = csv.trim().split('\n');
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const out = lines.map((line, i) => {
    const cells = line.split(',');
    const bump = (name: string, f: (v: number) => number) => {
      const j = at(name);
      if (j >= 0 && cells[j] !== '') cells[j] = String(Math.round(f(Number(cells[j])) * 10) / 10);
    };
    bump('bill_length_mm', (v) => v + 4);
    bump('body_mass_g', (v) => v * 1.12);
    if (draw(i, 'missing') < 0.15 && at('flipper_length_mm') >= 0) cells[at('flipper_length_mm')] = '';
    if (draw(i, 'island') < 0.2 && at('island') >= 0) cells[at('island')] = 'Anvers';
    return cells.join(',');
  });
  return `${[header, ...out].join('\n')}\n`;
}

function platformState(ctx: DemoContext): {
  issues: { number: number; title: string; state: string; comments: string[] }[];
  triggers: { workflow?: string; at: string; inputs: Record<string, string> }[];
} {
  return JSON.parse(readFileSync(ctx.path('.mlops', 'local', 'platform.json'), 'utf8'));
}

export const driftStep: DemoStep = {
  title: 'Drift check on shifted production data, alert issue and retraining trigger',
  async run(ctx) {
    const current = 'data/current-shifted.csv';
    const rows = [
      readFileSync(ctx.path('data', 'train.csv'), 'utf8'),
      readFileSync(ctx.path('data', 'eval.csv'), 'utf8'),
    ];
    const [header, ...trainLines] = rows[0]!.trim().split('\n');
    const evalLines = rows[1]!.trim().split('\n').slice(1);
    writeFileSync(ctx.path(current), shiftPenguins([header, ...trainLines, ...evalLines].join('\n')));
    appendFileSync(
      ctx.path('mlops.yaml'),
      ['drift:', '  retrain:', '    enabled: true', '    workflow: train.yml', '    cooldownHours: 24', ''].join('\n'),
    );
    ctx.say(`Production data moved: ${current} (bills +4 mm, mass +12%, 15% missing flippers, a new island).`);

    const first = await ctx.run(driftCheckAction, { current });
    if (first.exitCode === ExitCode.Error) throw new Error('drift-check could not run');
    let state = platformState(ctx);
    const issue = state.issues.at(-1);
    ctx.say(
      `\nAlert issue #${issue?.number} "${issue?.title}" (${issue?.state}); retraining triggers so far: ${state.triggers.length}` +
        (state.triggers[0] ? ` (${state.triggers[0].workflow} at ${state.triggers[0].at})` : ''),
    );

    ctx.say('\nThe next scheduled run sees the same drift:');
    const second = await ctx.run(driftCheckAction, { current }, { quiet: true });
    state = platformState(ctx);
    ctx.say(
      `drifted=${second.outputs.drifted}; still one issue (#${state.issues.at(-1)?.number}), still ${state.triggers.length} trigger: the 24 h cooldown holds.`,
    );
    ctx.say(`Recorded in ${ctx.path('.mlops', 'local', 'platform.json')}`);
  },
};

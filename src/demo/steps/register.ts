/**
 * Demo: the repository is the registry. Register the trained model (version, artifact verified by sha256,
 * model.json + card.md committed, tag penguins@v1.0.0), propose production in a promotion branch, "review and
 * merge" it, apply the stage tag, and read the history back with `mlops registry show`.
 */
import { writeFileSync } from 'node:fs';
import { registerModelAction } from '../../actions/register-model.js';
import { MlopsError } from '../../core/errors.js';
import { registryShow } from '../../core/registry/show.js';
import type { DemoStep } from '../steps.js';

const CARD_TEMPLATE = `# Model card template for penguins
## Overview
Predicts the species of a penguin (Adelie, Chinstrap, Gentoo) from bill and flipper measurements, body mass, island and sex.

## Owners
- Penguin research team <penguins@example.org>

## License
CC0-1.0 (data: Palmer Archipelago penguins, Gorman et al. 2014)

## Intended use
Sorting field observations in the Palmer Archipelago when a photo is not conclusive.

## Limitations
Trained on three islands only; birds from elsewhere, or measured with other instruments, are out of distribution.

## Ethical considerations
No personal data. Mistakes affect ecological counts, so keep a human check on rare species.
`;

export const registerStep: DemoStep = {
  title: 'Register the model, promote it to production through a reviewed change, show the registry',
  async run(ctx) {
    writeFileSync(ctx.path('.mlops', 'card-template.md'), CARD_TEMPLATE);
    ctx.git('add', '.mlops/card-template.md');
    ctx.git('commit', '-q', '-m', 'Model card template: intended use, limitations, ethics');

    ctx.say('mlops register   # next version, artifact stored and verified, card committed, tag penguins@v<version>\n');
    const registered = await ctx.run(registerModelAction, { mode: 'register' });
    if (registered.exitCode !== 0) throw new MlopsError('Registering the model failed.', { kind: 'internal' });
    const version = registered.outputs.version!;
    ctx.say(`\ngit tag: ${ctx.git('tag', '--list', 'penguins@v*')}`);

    ctx.say(`\nmlops promote penguins ${version} production   # a branch changing stages.yaml, i.e. a pull request\n`);
    const promoted = await ctx.run(
      registerModelAction,
      { mode: 'promote', version, stage: 'production' },
      { quiet: true },
    );
    if (promoted.exitCode !== 0) throw new MlopsError('Opening the promotion failed.', { kind: 'internal' });
    const branch = promoted.outputs.branch!;
    ctx.say(`branch ${branch}: ${ctx.git('diff', '--stat', 'main', branch).split('\n').pop()?.trim()}`);

    ctx.say('\nA model owner reviews and merges it (CODEOWNERS protects stages.yaml; see examples/governance/).');
    ctx.git(
      'merge',
      '-q',
      '--no-ff',
      branch,
      '-m',
      `Merge pull request #1 from demo/${branch}\n\nApproved-by: Penguin Model Owner <owner@example.org>`,
    );
    const applied = await ctx.run(registerModelAction, { mode: 'apply-stages' }, { quiet: true });
    if (applied.exitCode !== 0 || !applied.outputs.tag) {
      throw new MlopsError('Applying the stage change failed.', { kind: 'internal' });
    }
    ctx.say(`apply-stages tagged ${applied.outputs.tag}: the release workflow would now deploy ${version}.`);

    ctx.say('\nmlops registry show penguins\n');
    ctx.say(await registryShow(ctx.dir, 'penguins'));
  },
};

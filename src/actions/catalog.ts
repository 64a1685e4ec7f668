import type { ActionDefinition } from './define.js';
import { deployCanaryAction } from './deploy-canary.js';
import { driftCheckAction } from './drift-check.js';
import { evaluateGateAction } from './evaluate-gate.js';
import { registerModelAction } from './register-model.js';
import { trainAction } from './train.js';
import { validateDataAction } from './validate-data.js';

/** Every action, in pipeline order. The build makes dist/<name>/index.js for each; the CLI a command each. */
export const actions: ActionDefinition[] = [
  validateDataAction,
  trainAction,
  evaluateGateAction,
  registerModelAction,
  deployCanaryAction,
  driftCheckAction,
] as ActionDefinition[];

/** Module path and export name of each action, for the bundler's generated entry points. */
export const actionModules: Record<string, { module: string; exportName: string }> = {
  'validate-data': { module: 'src/actions/validate-data.ts', exportName: 'validateDataAction' },
  train: { module: 'src/actions/train.ts', exportName: 'trainAction' },
  'evaluate-gate': { module: 'src/actions/evaluate-gate.ts', exportName: 'evaluateGateAction' },
  'register-model': { module: 'src/actions/register-model.ts', exportName: 'registerModelAction' },
  'deploy-canary': { module: 'src/actions/deploy-canary.ts', exportName: 'deployCanaryAction' },
  'drift-check': { module: 'src/actions/drift-check.ts', exportName: 'driftCheckAction' },
};

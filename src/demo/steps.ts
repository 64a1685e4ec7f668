import type { DemoContext } from './context.js';
import { deployStep } from './steps/deploy.js';
import { driftStep } from './steps/drift.js';
import { evaluateStep } from './steps/evaluate.js';
import { registerStep } from './steps/register.js';
import { trainStep } from './steps/train.js';
import { validateStep } from './steps/validate.js';

export interface DemoStep {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

/** The loop, in order. Each action's issue adds its step module here. */
export const demoSteps: DemoStep[] = [validateStep, trainStep, evaluateStep, registerStep, deployStep, driftStep];

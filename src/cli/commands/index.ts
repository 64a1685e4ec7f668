import type { Command } from 'commander';
import { registerDemoCommand } from './demo.js';
import { registerDoctorCommand } from './doctor.js';
import { registerProfileCommand } from './profile.js';
import { registerPromoteCommand } from './promote.js';
import { registerRegisterCommand } from './register.js';
import { registerRegistryCommand } from './registry.js';
import { registerRunsCommand } from './runs.js';
import { registerServeCommand } from './serve.js';

/** Commands beyond the six actions; each module registers one (or a group) on the program. */
export const extraCommands: ((program: Command) => void)[] = [
  registerDemoCommand,
  registerDoctorCommand,
  registerRunsCommand,
  registerRegisterCommand,
  registerPromoteCommand,
  registerRegistryCommand,
  registerServeCommand,
  registerProfileCommand,
];

import { z } from 'zod';

/** GTO's name rule, so that `gto show` reads the stage tags too. */
const stageName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, 'a lower-case letter, then lower-case letters, digits and "-" (GTO names)')
  .refine((s) => s !== 'latest' && s !== 'deprecated', 'reserved word');

/** The `registry` section of mlops.yaml. */
export const registryConfig = z
  .strictObject({
    bump: z
      .enum(['auto', 'major', 'minor', 'patch'])
      .default('auto')
      .describe(
        'How the next version is chosen: `auto` = major when the model input signature changes, minor otherwise.',
      ),
    initialVersion: z.string().default('1.0.0').describe('Version of the first registration of a model.'),
    stages: z
      .array(stageName)
      .min(1)
      .default(['staging', 'production'])
      .describe('Stages a version may be promoted to (stages.yaml and `<model>#<stage>#<n>` tags).'),
    store: z
      .enum(['platform', 'local'])
      .default('platform')
      .describe(
        'Artifact store: `platform` = GitHub release asset / GitLab generic package / local directory; `local` = always the directory `storeDir`.',
      ),
    storeDir: z
      .string()
      .optional()
      .describe('Directory for the `local` store (default .mlops/artifacts, or MLOPS_ARTIFACT_DIR).'),
    branch: z.string().optional().describe('Branch that registrations are committed to (default: the current one).'),
    cardTemplate: z
      .string()
      .default('.mlops/card-template.md')
      .describe('Markdown with the human-written parts of the model card (intended use, limitations, ethics).'),
    maxAttempts: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(12)
      .describe('Attempts to push a registration when others push at the same time.'),
  })
  .default({
    bump: 'auto',
    initialVersion: '1.0.0',
    stages: ['staging', 'production'],
    store: 'platform',
    cardTemplate: '.mlops/card-template.md',
    maxAttempts: 12,
  });
export type RegistryConfig = z.infer<typeof registryConfig>;

/**
 * Request-body schemas for the GitHub routes the fake serves. Each one is checked at COMPILE time against
 * GitHub's OpenAPI description (@octokit/openapi-types): every field the schema accepts must have GitHub's type
 * (`satisfies z.ZodType<Body<op>>`), and every field GitHub requires must be required here (RequiredCovered).
 * At run time they are strict, so a misspelt or misplaced field is rejected with 422 like GitHub's validator.
 */
import type { operations } from '@octokit/openapi-types';
import { z } from 'zod';

type JsonBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** Compiles only when every key GitHub requires is also required by the schema. */
type RequiredCovered<Op extends keyof operations, S extends z.ZodType> =
  Exclude<RequiredKeys<JsonBody<Op>>, RequiredKeys<z.infer<S>>> extends never ? true : never;

function checked<Op extends keyof operations>() {
  return <S extends z.ZodType<JsonBody<Op>>>(schema: S, _covered: RequiredCovered<Op, S>): S => schema;
}

const stringMap = z.record(z.string(), z.unknown());

export const githubBodies = {
  'issues.createComment': checked<'issues/create-comment'>()(z.strictObject({ body: z.string().min(1) }), true),
  'issues.updateComment': checked<'issues/update-comment'>()(z.strictObject({ body: z.string().min(1) }), true),
  'issues.create': checked<'issues/create'>()(
    z.strictObject({
      title: z.union([z.string().min(1), z.number()]),
      body: z.string().optional(),
      labels: z.array(z.string()).optional(),
      assignees: z.array(z.string()).optional(),
    }),
    true,
  ),
  'issues.update': checked<'issues/update'>()(
    z.strictObject({
      title: z.union([z.string(), z.number()]).optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).optional(),
      labels: z.array(z.string()).optional(),
    }),
    true,
  ),
  'pulls.create': checked<'pulls/create'>()(
    z.strictObject({
      title: z.string().min(1).optional(),
      head: z.string().min(1),
      head_repo: z.string().optional(),
      base: z.string().min(1),
      body: z.string().optional(),
      maintainer_can_modify: z.boolean().optional(),
      draft: z.boolean().optional(),
      issue: z.number().int().optional(),
    }),
    true,
  ),
  'pulls.update': checked<'pulls/update'>()(
    z.strictObject({
      title: z.string().optional(),
      body: z.string().optional(),
      state: z.enum(['open', 'closed']).optional(),
      base: z.string().min(1).optional(),
      maintainer_can_modify: z.boolean().optional(),
    }),
    true,
  ),
  'issues.addLabels': checked<'issues/add-labels'>()(
    z.strictObject({ labels: z.array(z.string().min(1)).min(1).optional() }),
    true,
  ),
  'repos.createRelease': checked<'repos/create-release'>()(
    z.strictObject({
      tag_name: z.string().min(1),
      target_commitish: z.string().optional(),
      name: z.string().optional(),
      body: z.string().optional(),
      draft: z.boolean().optional(),
      prerelease: z.boolean().optional(),
      make_latest: z.enum(['true', 'false', 'legacy']).optional(),
    }),
    true,
  ),
  'repos.createDeployment': checked<'repos/create-deployment'>()(
    z.strictObject({
      ref: z.string().min(1),
      task: z.string().optional(),
      auto_merge: z.boolean().optional(),
      required_contexts: z.array(z.string()).optional(),
      payload: z.union([stringMap, z.string()]).optional(),
      environment: z.string().optional(),
      description: z.string().max(140).nullable().optional(),
      transient_environment: z.boolean().optional(),
      production_environment: z.boolean().optional(),
    }),
    true,
  ),
  'repos.createDeploymentStatus': checked<'repos/create-deployment-status'>()(
    z.strictObject({
      state: z.enum(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']),
      target_url: z.string().optional(),
      log_url: z.string().url().optional(),
      description: z.string().max(140).optional(),
      environment: z.string().optional(),
      environment_url: z.string().url().optional(),
      auto_inactive: z.boolean().optional(),
    }),
    true,
  ),
  'actions.createWorkflowDispatch': checked<'actions/create-workflow-dispatch'>()(
    z.strictObject({
      ref: z.string().min(1),
      inputs: stringMap
        .refine((inputs) => Object.keys(inputs).length <= 25, 'inputs: at most 25 properties')
        .optional(),
      return_run_details: z.boolean().optional(),
    }),
    true,
  ),
  'repos.createDispatchEvent': checked<'repos/create-dispatch-event'>()(
    z.strictObject({
      event_type: z.string().min(1).max(100),
      client_payload: stringMap
        .refine((payload) => Object.keys(payload).length <= 10, 'client_payload: at most 10 top-level properties')
        .optional(),
    }),
    true,
  ),
} as const;

export type GitHubBodyRoute = keyof typeof githubBodies;

/**
 * Artifact store on GitLab's generic package registry: package = namespace (model name), version = model
 * version, one package file per artifact. GitLab accepts duplicate file names unless the project forbids them,
 * so put() looks the file up first (packages API + package_files) and applies our rule: same bytes -> reuse,
 * different bytes -> error. Works with CI_JOB_TOKEN.
 */

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { MlopsError } from '../core/errors.js';
import { sha256, sha256File } from '../core/fs.js';
import { ArtifactConflict } from './artifact-conflict.js';
import type { GitLabApi } from './gitlab-api.js';
import { writeVerified } from './http.js';
import type { ArtifactStore, Logger, StoredArtifact } from './types.js';

const packageSchema = z.object({ id: z.number(), name: z.string(), version: z.string() });
const packageFileSchema = z.object({
  id: z.number(),
  package_id: z.number().optional(),
  file_name: z.string(),
  size: z.number(),
  file_sha256: z.string().nullish(),
});
type PackageFile = z.infer<typeof packageFileSchema>;

export class GenericPackageStore implements ArtifactStore {
  constructor(
    private readonly api: GitLabApi,
    private readonly log: Logger,
  ) {}

  private filePath(namespace: string, version: string, name: string): string {
    return `/packages/generic/${encodeURIComponent(namespace)}/${encodeURIComponent(version)}/${encodeURIComponent(name)}`;
  }

  private url(namespace: string, version: string, name: string): string {
    return `${this.api.baseUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(this.api.projectId)}${this.filePath(namespace, version, name)}`;
  }

  /** The newest stored file with this name (GitLab serves the newest when names repeat). */
  private async findFile(namespace: string, version: string, name: string): Promise<PackageFile | undefined> {
    const packages = await this.api.all(
      {
        method: 'GET',
        path: '/packages',
        query: { package_type: 'generic', package_name: namespace },
        access: 'job-token-allowed',
        what: `list the generic packages named ${namespace}`,
      },
      (data) => z.array(packageSchema).parse(data),
    );
    const files: PackageFile[] = [];
    for (const pkg of packages.filter((p) => p.name === namespace && p.version === version)) {
      files.push(
        ...(await this.api.all(
          {
            method: 'GET',
            path: `/packages/${pkg.id}/package_files`,
            access: 'job-token-allowed',
            what: `list the files of ${namespace} ${version}`,
          },
          (data) => z.array(packageFileSchema).parse(data),
        )),
      );
    }
    return files.filter((f) => f.file_name === name).sort((a, b) => b.id - a.id)[0];
  }

  private async download(namespace: string, version: string, name: string): Promise<Response | undefined> {
    const response = await this.api.send({
      method: 'GET',
      path: this.filePath(namespace, version, name),
      access: 'job-token-allowed',
      what: `download ${namespace}/${version}/${name}`,
      accept: [404],
      headers: { accept: '*/*' },
      dropCredentialsOnRedirect: true,
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    return response;
  }

  private async reuseOrReject(
    file: PackageFile,
    namespace: string,
    version: string,
    digest: string,
  ): Promise<StoredArtifact> {
    const label = `${namespace}/${version}/${file.file_name}`;
    let existing = file.file_sha256 ?? undefined;
    if (!existing) {
      const response = await this.download(namespace, version, file.file_name);
      existing = sha256(new Uint8Array(response ? await response.arrayBuffer() : new ArrayBuffer(0)));
    }
    if (existing === digest) {
      this.log.info(`Artifact ${label} is already in the package registry with the same content; reusing it.`);
      return { url: this.url(namespace, version, file.file_name), sha256: digest, size: file.size };
    }
    throw new ArtifactConflict(
      `${label} in the GitLab package registry`,
      { path: this.url(namespace, version, file.file_name) },
      digest,
      existing,
    );
  }

  async put(namespace: string, version: string, file: string, name = basename(file)): Promise<StoredArtifact> {
    const digest = await sha256File(file);
    const size = (await stat(file)).size;
    const existing = await this.findFile(namespace, version, name);
    if (existing) return this.reuseOrReject(existing, namespace, version, digest);
    let stored: PackageFile;
    try {
      ({ data: stored } = await this.api.json(
        {
          method: 'PUT',
          path: this.filePath(namespace, version, name),
          query: { select: 'package_file' },
          body: await readFile(file),
          access: 'job-token-allowed',
          what: `upload ${namespace}/${version}/${name} to the package registry`,
        },
        (data) => packageFileSchema.parse(data),
      ));
    } catch (error) {
      // A project that forbids duplicates answers with "Duplicate package is not allowed" when another job won.
      if (error instanceof MlopsError && /duplicate/i.test(error.message)) {
        const raced = await this.findFile(namespace, version, name);
        if (raced) return this.reuseOrReject(raced, namespace, version, digest);
      }
      throw error;
    }
    if (stored.size !== size || (stored.file_sha256 && stored.file_sha256 !== digest)) {
      throw new MlopsError(`Upload of ${namespace}/${version}/${name} was corrupted in transit.`, {
        kind: 'api',
        expected: `${size} bytes, sha256 ${digest}`,
        found: `${stored.size} bytes, sha256 ${stored.file_sha256 ?? 'unknown'}`,
        hint: 'Delete the broken package file in Deploy > Package registry and run the job again.',
      });
    }
    return { url: this.url(namespace, version, name), sha256: digest, size, created: true };
  }

  async discard(namespace: string, version: string, name: string): Promise<boolean> {
    try {
      const file = await this.findFile(namespace, version, name);
      if (file?.package_id === undefined) return false;
      await this.api.send({
        method: 'DELETE',
        path: `/packages/${file.package_id}/package_files/${file.id}`,
        access: 'access-token-only',
        what: `delete ${namespace}/${version}/${name} from the package registry`,
      });
      return true;
    } catch (error) {
      this.log.warning(`Could not delete ${namespace}/${version}/${name}: ${(error as Error).message}`);
      return false;
    }
  }

  async get(namespace: string, version: string, name: string, dest: string, expectedSha: string): Promise<void> {
    const response = await this.download(namespace, version, name);
    if (!response?.body) {
      throw new MlopsError(`Artifact ${namespace}/${version}/${name} is not in the GitLab package registry.`, {
        kind: 'input',
        where: { path: this.url(namespace, version, name) },
        hint: 'Register the version first, or check the model name and version.',
      });
    }
    await writeVerified(response.body, dest, expectedSha, `${namespace}/${version}/${name}`);
  }
}

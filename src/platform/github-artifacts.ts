/**
 * Artifact store on GitHub release assets: one release per (namespace, version) with the tag
 * `<namespace>@v<version>` (the registry's version tag), one asset per file. Uploads go to the release's
 * `upload_url` template; downloads ask the asset API for application/octet-stream (GitHub redirects to storage).
 */

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MlopsError } from '../core/errors.js';
import { sha256, sha256File } from '../core/fs.js';
import { ArtifactConflict } from './artifact-conflict.js';
import { type GitHubPermission, githubCall, type Octokit, statusOf } from './github-api.js';
import { writeVerified } from './http.js';
import type { ArtifactStore, Logger, StoredArtifact } from './types.js';

interface ReleaseRef {
  id: number;
  upload_url: string;
}

interface AssetRef {
  id: number;
  name: string;
  size: number;
  browser_download_url: string;
  digest?: string | null;
}

const WRITE: GitHubPermission = 'contents: write';
const READ: GitHubPermission = 'contents: read';

export function releaseTag(namespace: string, version: string): string {
  return `${namespace}@v${version.replace(/^v/, '')}`;
}

export class ReleaseAssetStore implements ArtifactStore {
  constructor(
    private readonly octokit: () => Octokit,
    private readonly owner: string,
    private readonly repo: string,
    private readonly targetSha: string,
    private readonly log: Logger,
  ) {}

  private async findRelease(tag: string): Promise<ReleaseRef | undefined> {
    try {
      const { data } = await this.octokit().rest.repos.getReleaseByTag({ owner: this.owner, repo: this.repo, tag });
      return data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      return githubCall(`look up the release ${tag}`, READ, () => Promise.reject(error));
    }
  }

  private async ensureRelease(namespace: string, version: string): Promise<ReleaseRef> {
    const tag = releaseTag(namespace, version);
    const existing = await this.findRelease(tag);
    if (existing) return existing;
    try {
      const { data } = await this.octokit().rest.repos.createRelease({
        owner: this.owner,
        repo: this.repo,
        tag_name: tag,
        target_commitish: this.targetSha || undefined,
        name: `${namespace} v${version.replace(/^v/, '')}`,
        body: `Model artifacts for ${namespace} version ${version}, stored by mlops-actions.`,
        make_latest: 'false',
      });
      return data;
    } catch (error) {
      // Another job created it between our lookup and our create.
      if (statusOf(error) === 422) {
        const raced = await this.findRelease(tag);
        if (raced) return raced;
      }
      return githubCall(`create the release ${tag}`, WRITE, () => Promise.reject(error));
    }
  }

  private async findAsset(releaseId: number, name: string): Promise<AssetRef | undefined> {
    const assets = await githubCall('list the release assets', READ, () =>
      this.octokit().paginate(this.octokit().rest.repos.listReleaseAssets, {
        owner: this.owner,
        repo: this.repo,
        release_id: releaseId,
        per_page: 100,
      }),
    );
    return assets.find((asset) => asset.name === name);
  }

  /** The sha256 of a stored asset: from its `digest` field when GitHub provides one, else by downloading it. */
  private async digestOf(asset: AssetRef): Promise<string> {
    if (asset.digest?.startsWith('sha256:')) return asset.digest.slice('sha256:'.length);
    const bytes = await this.download(asset.id, asset.name);
    return sha256(bytes);
  }

  private async download(assetId: number, name: string): Promise<Uint8Array> {
    const { data } = await githubCall(`download the release asset ${name}`, READ, () =>
      this.octokit().rest.repos.getReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        asset_id: assetId,
        headers: { accept: 'application/octet-stream' },
      }),
    );
    return new Uint8Array(data as unknown as ArrayBuffer);
  }

  private async reuseOrReject(asset: AssetRef, digest: string, label: string): Promise<StoredArtifact> {
    const existing = await this.digestOf(asset);
    if (existing === digest) {
      this.log.info(`Artifact ${label} is already stored with the same content; reusing it.`);
      return { url: asset.browser_download_url, sha256: digest, size: asset.size };
    }
    throw new ArtifactConflict(`${label} on GitHub`, { path: asset.browser_download_url }, digest, existing);
  }

  async put(namespace: string, version: string, file: string, name = basename(file)): Promise<StoredArtifact> {
    const label = `${releaseTag(namespace, version)}/${name}`;
    const digest = await sha256File(file);
    const size = (await stat(file)).size;
    const release = await this.ensureRelease(namespace, version);
    const existing = await this.findAsset(release.id, name);
    if (existing) return this.reuseOrReject(existing, digest, label);
    let uploaded: AssetRef;
    try {
      const response = await this.octokit().request({
        method: 'POST',
        url: release.upload_url,
        name,
        data: await readFile(file),
        // fetch derives content-length from the Buffer; setting it by hand trips undici's header validation.
        headers: { 'content-type': 'application/octet-stream' },
      });
      uploaded = response.data as AssetRef;
    } catch (error) {
      // 422 already_exists (or 409 from a proxy/GHES) means a concurrent job uploaded the same name.
      const status = statusOf(error);
      if (status === 422 || status === 409) {
        const raced = await this.findAsset(release.id, name);
        if (raced) return this.reuseOrReject(raced, digest, label);
      }
      return githubCall(`upload ${label}`, WRITE, () => Promise.reject(error));
    }
    if (uploaded.size !== size || (uploaded.digest && uploaded.digest !== `sha256:${digest}`)) {
      throw new MlopsError(`Upload of ${label} was corrupted in transit.`, {
        kind: 'api',
        expected: `${size} bytes, sha256 ${digest}`,
        found: `${uploaded.size} bytes, ${uploaded.digest ?? 'no digest'}`,
        hint: 'Delete the broken asset from the release and run the job again.',
      });
    }
    return { url: uploaded.browser_download_url, sha256: digest, size, created: true };
  }

  async discard(namespace: string, version: string, name: string): Promise<boolean> {
    const label = `${releaseTag(namespace, version)}/${name}`;
    try {
      const release = await this.findRelease(releaseTag(namespace, version));
      const asset = release && (await this.findAsset(release.id, name));
      if (!asset) return false;
      await this.octokit().rest.repos.deleteReleaseAsset({ owner: this.owner, repo: this.repo, asset_id: asset.id });
      return true;
    } catch (error) {
      this.log.warning(`Could not delete ${label}: ${(error as Error).message}`);
      return false;
    }
  }

  async get(namespace: string, version: string, name: string, dest: string, expectedSha: string): Promise<void> {
    const label = `${releaseTag(namespace, version)}/${name}`;
    const release = await this.findRelease(releaseTag(namespace, version));
    const asset = release ? await this.findAsset(release.id, name) : undefined;
    if (!asset) {
      throw new MlopsError(`Artifact ${label} is not stored on GitHub.`, {
        kind: 'input',
        where: { path: `release ${releaseTag(namespace, version)}` },
        hint: 'Register the version first, or check the model name and version.',
      });
    }
    const { data } = await githubCall(`download ${label}`, READ, () =>
      this.octokit().rest.repos.getReleaseAsset({
        owner: this.owner,
        repo: this.repo,
        asset_id: asset.id,
        headers: { accept: 'application/octet-stream' },
        request: { parseSuccessResponseBody: false },
      }),
    );
    await writeVerified(data as unknown as ReadableStream<Uint8Array>, dest, expectedSha, label);
  }
}

/**
 * "One comment per marker" on top of any list/create/update/delete API (GitHub issue comments, GitLab notes).
 * Two jobs of one pipeline can race: both list, find nothing and create. So after creating we list again;
 * the oldest marked comment wins and the loser deletes its own copy, leaving exactly one.
 */
import { type CommentRef, hiddenMarker } from './types.js';

export interface MarkedComment {
  id: number;
  body: string;
  url?: string;
}

export interface CommentApi {
  /** Every comment on the thread (all pages). */
  list(): Promise<MarkedComment[]>;
  create(body: string): Promise<MarkedComment>;
  update(id: number, body: string): Promise<MarkedComment>;
  remove(id: number): Promise<void>;
}

/** Keeps a body under the platform's size limit, saying so at the end. */
export function fitBody(body: string, maxLength: number): string {
  if (body.length <= maxLength) return body;
  const note = '\n\n…(truncated: the full report is in the job summary and the report artifact)';
  return body.slice(0, maxLength - note.length) + note;
}

export async function upsertMarkedComment(
  api: CommentApi,
  marker: string,
  body: string,
  maxLength: number,
): Promise<CommentRef> {
  const tag = hiddenMarker(marker);
  const text = fitBody(`${tag}\n${body}`, maxLength);
  const ours = (await api.list()).filter((c) => c.body.includes(tag)).sort((a, b) => a.id - b.id);
  const [keep, ...extra] = ours;
  if (keep) {
    const updated = await api.update(keep.id, text);
    for (const duplicate of extra) await api.remove(duplicate.id);
    return { id: updated.id, url: updated.url ?? keep.url, created: false };
  }
  const created = await api.create(text);
  const after = (await api.list()).filter((c) => c.body.includes(tag)).sort((a, b) => a.id - b.id);
  const winner = after[0];
  if (winner && winner.id !== created.id) {
    await api.remove(created.id);
    const updated = await api.update(winner.id, text);
    return { id: updated.id, url: updated.url ?? winner.url, created: false };
  }
  return { id: created.id, url: created.url, created: true };
}

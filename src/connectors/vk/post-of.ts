import { vkIds } from './ids';

/** A wall thread (`wall:<owner>_<post>`) comments on that wall post; other threads on no post. */
export function vkPostOf(threadExternalId: string): string | null {
  const m = /^wall:(-?\d+)_(\d+)$/.exec(threadExternalId);
  return m ? vkIds.wallPost(Number(m[1]), Number(m[2])) : null;
}

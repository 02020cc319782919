/**
 * A member of a queue's `delayed` set names the job and the scheduling it stands for:
 * `<job id>#<attempts when scheduled>` (0 for a delayed enqueue, n for the retry after delivery n).
 * Promote moves a due member's job to ready and then removes that member; were members bare ids, a
 * job claimed the moment it reached ready (a blocked worker gets it at once) and failing at once
 * would be scheduled again under the same member, and promote's removal would wipe the new entry,
 * leaving the job in no list at all. With the scheduling in the member, promote removes only the
 * entry it read.
 */
export function delayedMember(jobId: string, attempts: number): string {
  return `${jobId}#${attempts}`;
}

/** The job id a delayed member names (a bare id, as older entries have, is its own id). */
export function jobIdOfDelayedMember(member: string): string {
  const hash = member.lastIndexOf('#');
  return hash === -1 ? member : member.slice(0, hash);
}

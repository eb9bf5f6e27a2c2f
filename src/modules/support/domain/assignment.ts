/**
 * Assignment to people: among agents who are available, read the conversation's language and
 * work its queue (an empty list means any), and are below their own limit, the one with the
 * fewest active conversations; ties go to the one who waited longest for a new one.
 */
export interface AgentSkills {
  staffId: string;
  name: string;
  languages: string[];
  queues: string[];
  maxLoad: number;
  lead: boolean;
  available: boolean;
  load: number;
  lastAssignedAt: string | null;
}

export interface AssignmentNeed { queue: string; language: string | null; leadsOnly?: boolean }

export function canTake(a: AgentSkills, need: AssignmentNeed): boolean {
  if (!a.available || a.load >= a.maxLoad) return false;
  if (need.leadsOnly && !a.lead) return false;
  if (a.queues.length && !a.queues.includes(need.queue) && !(need.queue.startsWith('lang-') && need.language && a.languages.includes(need.language))) return false;
  if (need.language && need.language !== 'und' && a.languages.length && !a.languages.includes(need.language)) return false;
  return true;
}

/** The agent to give a conversation to, or null when nobody suitable has room. */
export function pickAgent(agents: AgentSkills[], need: AssignmentNeed): AgentSkills | null {
  const fit = agents.filter((a) => canTake(a, need));
  fit.sort((a, b) => a.load - b.load || (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') || a.staffId.localeCompare(b.staffId));
  return fit[0] ?? null;
}

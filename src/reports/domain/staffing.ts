/**
 * How many agents an hour needs so that the share of conversations answered within the SLA meets
 * the target: Erlang C, with each agent handling up to `capacity` conversations at once (the care
 * practice's six), i.e. agents × capacity servers, each conversation holding one for
 * `handleMinutes`. Plain TypeScript.
 *
 *   load A = arrivals per hour × handleMinutes / 60 (erlangs), N = agents × capacity servers
 *   P(wait) = Erlang C(N, A); P(answered within T) = 1 − P(wait) · e^(−(N − A) · T / handle)
 */

export interface StaffingOptions {
  /** conversations one agent holds at once */
  capacity: number;
  /** how long a conversation holds a slot, minutes */
  handleMinutes: number;
  /** the first-response deadline, minutes */
  slaMinutes: number;
  /** share to answer within the deadline (0.8 = 80 %) */
  target: number;
}

export const DEFAULT_STAFFING: StaffingOptions = {
  capacity: 6,
  handleMinutes: 30,
  slaMinutes: 60,
  target: 0.8,
};

/** Erlang C: the probability that an arrival waits, for N servers and A erlangs (N > A). */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (servers <= load) return 1;
  let b = 1; // Erlang B by its stable recursion
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return (servers * b) / (servers - load * (1 - b));
}

/** Share of arrivals answered within the deadline. */
export function serviceLevel(servers: number, load: number, o: StaffingOptions): number {
  if (load <= 0) return 1;
  if (servers <= load) return 0;
  return 1 - erlangC(servers, load) * Math.exp(-((servers - load) * o.slaMinutes) / o.handleMinutes);
}

/** The fewest agents that meet the target for this many arrivals in an hour (0 for none). */
export function agentsNeeded(arrivalsPerHour: number, o: StaffingOptions = DEFAULT_STAFFING): number {
  if (!(arrivalsPerHour > 0)) return 0;
  const load = (arrivalsPerHour * o.handleMinutes) / 60;
  let agents = Math.max(1, Math.floor(load / o.capacity));
  while (serviceLevel(agents * o.capacity, load, o) < o.target) agents++;
  return agents;
}

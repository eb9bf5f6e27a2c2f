/** Time is a port so tests and simulations can move it; all times are UTC ISO strings. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the tests can set and advance. */
export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => { t += ms; },
    set: (d: Date) => { t = d.getTime(); },
  };
}

export const iso = (d: Date): string => d.toISOString();

/**
 * Sliding-window send limits kept in memory, per bucket (one member, one chat, one robot).
 * WeCom drops messages over its limits without telling us, so we refuse them first.
 * Per process: with several senders the limits must be divided between them.
 */
export interface Window {
  /** Window length in ms. */
  ms: number;
  max: number;
}

/** message/send per member: 30 a minute and 1,000 an hour. */
export const MEMBER_LIMITS: Window[] = [
  { ms: 60_000, max: 30 },
  { ms: 3_600_000, max: 1000 },
];
/** Group robot webhook: 20 a minute. */
export const ROBOT_LIMITS: Window[] = [{ ms: 60_000, max: 20 }];

export interface Throttle {
  /** Takes a slot and returns 0, or returns the ms to wait before a slot frees (taking none). */
  take(bucket: string): number;
}

export function createThrottle(limits: Window[], now: () => number = Date.now): Throttle {
  const longest = Math.max(...limits.map((l) => l.ms));
  const sent = new Map<string, number[]>();
  return {
    take(bucket) {
      const t = now();
      const times = (sent.get(bucket) ?? []).filter((s) => s > t - longest);
      let wait = 0;
      for (const { ms, max } of limits) {
        const inWindow = times.filter((s) => s > t - ms);
        if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + ms - t);
      }
      if (wait === 0) times.push(t);
      if (times.length > 0) sent.set(bucket, times);
      else sent.delete(bucket);
      return wait;
    },
  };
}

/**
 * Paces a replay on the records' own times: waits (time − previous) / speed before each, pauses capped
 * so a quiet night does not stall it; `Infinity` never waits. Times that go backwards do not wait.
 */
export function createPacer(speed: number, maxPauseMs: number): (time: bigint | undefined) => Promise<void> {
  let previous: bigint | undefined;
  return async (time) => {
    if (time === undefined) return;
    if (previous !== undefined && time > previous && Number.isFinite(speed)) {
      const ms = Math.min(maxPauseMs, Number((time - previous) / 1_000_000n) / speed);
      if (ms >= 1) await new Promise((resolve) => setTimeout(resolve, ms));
    }
    if (previous === undefined || time > previous) previous = time;
  };
}

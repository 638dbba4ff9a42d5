import type { BatchOutcome } from '@huijia/shared';
import { AppError } from './errors';

/**
 * Takes `step` on each id in turn, each on its own: what the caller may not do, or someone else
 * did first, is refused with its code, and the rest go on. Anything that is not an answer to the
 * client (a fault of ours) still fails the whole request.
 */
export async function eachOnItsOwn(ids: readonly string[], step: (id: string) => Promise<unknown>): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { done: [], refused: [] };
  for (const id of ids) {
    try {
      await step(id);
      outcome.done.push(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome.refused.push({ id, code: error.code, message: error.message });
    }
  }
  return outcome;
}

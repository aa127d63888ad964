/**
 * Bounded concurrency for file-system work: enough requests in flight to keep
 * the disk and libuv's thread pool busy on large trees, never so many that a
 * 50,000-file walk opens thousands of handles at once.
 */

/** Runs `worker` on every item, at most `limit` at a time. Workers handle their own errors. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Drains a work queue that grows while it is processed (a directory walk
 * enqueues subdirectories), at most `limit` items at a time.
 */
export function drainQueue<T>(
  initial: readonly T[],
  limit: number,
  worker: (item: T, enqueue: (item: T) => void) => Promise<void>,
): Promise<void> {
  const queue = [...initial];
  const enqueue = (item: T): void => {
    queue.push(item);
  };
  let active = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (settled) return;
      if (queue.length === 0 && active === 0) {
        settled = true;
        resolve();
        return;
      }
      while (active < limit && queue.length > 0) {
        // Last in, first out: the walk goes deep first, which keeps the queue short.
        const item = queue.pop() as T;
        active++;
        worker(item, enqueue).then(
          () => {
            active--;
            pump();
          },
          (error: unknown) => {
            settled = true;
            reject(error);
          },
        );
      }
    };
    pump();
  });
}

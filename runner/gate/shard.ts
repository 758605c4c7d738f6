/**
 * `--shard i/n`: which cases a CI job runs. The cases found (after `only` and `-t`) are sorted
 * by id, and the k-th of them (counting from 0) belongs to shard `k mod n + 1`: every case is
 * in exactly one shard, shards differ in size by one case at most, and neighbouring cases of
 * one file spread over the shards.
 */

/** One shard of `count`, numbered from 1. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses "i/n".
 *
 * @throws {RangeError} naming the text and the form to use.
 *
 * @example
 * ```ts
 * parseShard("2/3"); // { index: 2, count: 3 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. --shard 1/3`);
  }
  return { index, count };
}

/**
 * The items of `shard`, given each item's id: sorted by id, every n-th from the (i−1)-th.
 *
 * @example
 * ```ts
 * pickShard(["a", "b", "c", "d"], (x) => x, { index: 2, count: 3 }); // ["b"]
 * ```
 */
export function pickShard<T>(items: T[], id: (item: T) => string, shard: Shard): T[] {
  const sorted = items.map((item) => ({ item, key: id(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.filter((_, k) => k % shard.count === shard.index - 1).map((s) => s.item);
}

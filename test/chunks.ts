/**
 * Splits a stream's input every way a network can: whole, one character at a time, and in
 * seeded random chunks (the same seed always gives the same split).
 */

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random chunks of 1 to `max` characters. */
export function randomChunks(text: string, seed: number, max = 12): string[] {
  // Split between code points: a lone surrogate is not text a server could send.
  const chars = Array.from(text);
  const random = seededRandom(seed);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length;) {
    const size = 1 + Math.floor(random() * max);
    chunks.push(chars.slice(i, i + size).join(''));
    i += size;
  }
  return chunks;
}

/** The three ways every stream consumer is tested, with a name for the test title. */
export function splits(text: string, seeds: readonly number[] = [1, 2, 3]): [string, string[]][] {
  return [
    ['whole', [text]],
    ['one character at a time', Array.from(text)],
    ...seeds.map((seed): [string, string[]] => [`random chunks (seed ${seed})`, randomChunks(text, seed)]),
  ];
}

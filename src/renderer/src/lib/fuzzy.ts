// Fuzzy matching for the command palette and pickers: the typed letters in order, rewarding word starts and runs.

/** A score for `text` against `query` (higher is better), or null when the letters do not all appear in order. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s\-_:/.(]/.test(t[at - 1] ?? '');
    score += 1 + (wordStart ? 3 : 0) + (at === previous + 1 ? 2 : 0);
    // Letters found far from the previous one count less: "mrg" in "Merge" beats it in "More about regions".
    score -= Math.min(3, (at - from) / 8);
    previous = at;
    from = at + 1;
  }
  return score;
}

/** The items whose text matches, best first; ties keep their original order. */
export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  const scored: Array<{ item: T; score: number; index: number }> = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}

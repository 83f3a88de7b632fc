// Union-find over integer ids, with path halving and union by size.

/** Disjoint sets of integer ids: which identifiers name one NHI. */
export class UnionFind {
  private readonly parent = new Map<number, number>();
  private readonly size = new Map<number, number>();

  /** The representative of the set holding `x` (adding `x` as a singleton if new). */
  find(x: number): number {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
      return x;
    }
    let node = x;
    for (;;) {
      const parent = this.parent.get(node)!;
      if (parent === node) return node;
      const grand = this.parent.get(parent)!;
      this.parent.set(node, grand);
      node = grand;
    }
  }

  /** Puts `a` and `b` in one set. */
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
  }

  /** Every set, as representative -> members. */
  groups(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const x of this.parent.keys()) {
      const root = this.find(x);
      const members = out.get(root);
      if (members) members.push(x);
      else out.set(root, [x]);
    }
    return out;
  }
}

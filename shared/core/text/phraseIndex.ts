/**
 * Finds every phrase of a fixed table in a text in one pass (Aho–Corasick): the marker tables hold
 * hundreds of phrases in a dozen languages, and a regex alternation of them costs a scan per phrase.
 */
export interface PhraseHit<T> {
  start: number;
  end: number;
  phrase: string;
  value: T;
}

interface Node<T> {
  next: Map<string, number>;
  fail: number;
  /** Phrases ending here (including those reached through fail links). */
  out: { phrase: string; value: T }[];
}

export class PhraseIndex<T> {
  private readonly nodes: Node<T>[] = [{ next: new Map(), fail: 0, out: [] }];

  constructor(entries: Iterable<[string, T]>) {
    for (const [phrase, value] of entries) if (phrase) this.add(phrase, value);
    this.link();
  }

  private add(phrase: string, value: T): void {
    let n = 0;
    for (const ch of phrase) {
      let to = this.nodes[n].next.get(ch);
      if (to === undefined) {
        to = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        this.nodes[n].next.set(ch, to);
      }
      n = to;
    }
    if (!this.nodes[n].out.some((o) => o.phrase === phrase)) this.nodes[n].out.push({ phrase, value });
  }

  private link(): void {
    const queue: number[] = [];
    for (const to of this.nodes[0].next.values()) queue.push(to);
    for (let qi = 0; qi < queue.length; qi++) {
      const n = queue[qi];
      for (const [ch, to] of this.nodes[n].next) {
        let f = this.nodes[n].fail;
        while (f && !this.nodes[f].next.has(ch)) f = this.nodes[f].fail;
        const target = this.nodes[f].next.get(ch);
        this.nodes[to].fail = target !== undefined && target !== to ? target : 0;
        this.nodes[to].out.push(...this.nodes[this.nodes[to].fail].out);
        queue.push(to);
      }
    }
  }

  /** Every occurrence, overlapping ones included, in text order of their ends. */
  findAll(text: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let n = 0;
    let i = 0;
    for (const ch of text) {
      i += ch.length;
      while (n && !this.nodes[n].next.has(ch)) n = this.nodes[n].fail;
      n = this.nodes[n].next.get(ch) ?? 0;
      for (const o of this.nodes[n].out) hits.push({ start: i - o.phrase.length, end: i, phrase: o.phrase, value: o.value });
    }
    return hits;
  }
}

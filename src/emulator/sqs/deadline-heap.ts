// A binary min-heap of (instant, item) pairs: the queue's set of messages that will become
// visible later (delayed or in flight), so a dequeue and the long-poll wake-up timer both find the
// next instant in O(log n) without scanning every message.

export class DeadlineHeap<T> {
  #at: number[] = [];
  #items: T[] = [];

  get size(): number {
    return this.#at.length;
  }

  peekAt(): number | undefined {
    return this.#at[0];
  }

  push(at: number, item: T): void {
    this.#at.push(at);
    this.#items.push(item);
    let i = this.#at.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#at[parent]! <= at) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top === undefined) return undefined;
    const lastAt = this.#at.pop()!;
    const lastItem = this.#items.pop()!;
    if (this.#at.length > 0) {
      this.#at[0] = lastAt;
      this.#items[0] = lastItem;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.#at.length && this.#at[left]! < this.#at[smallest]!) smallest = left;
        if (right < this.#at.length && this.#at[right]! < this.#at[smallest]!) smallest = right;
        if (smallest === i) break;
        this.#swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  clear(): void {
    this.#at = [];
    this.#items = [];
  }

  #swap(a: number, b: number): void {
    const at = this.#at[a]!;
    this.#at[a] = this.#at[b]!;
    this.#at[b] = at;
    const item = this.#items[a]!;
    this.#items[a] = this.#items[b]!;
    this.#items[b] = item;
  }
}

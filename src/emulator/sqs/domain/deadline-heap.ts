// A binary min-heap of items by instant: the queue's messages that will become visible later
// (delayed or in flight), so a dequeue and the long-poll wake-up timer both find the next instant
// in O(log n) without scanning every message. Each item records its own slot (`heapIndex`, -1
// when outside), so a deleted message or one whose visibility changed is taken out or moved at
// once: the heap never holds stale entries that would keep deleted messages alive until their old
// deadline, and needs no wrapper object per entry.

export interface HeapSlot {
  /** Position in the heap's arrays; -1 when the item is not in the heap. */
  heapIndex: number;
}

export class DeadlineHeap<T extends HeapSlot> {
  #at: number[] = [];
  #items: T[] = [];

  get size(): number {
    return this.#at.length;
  }

  peekAt(): number | undefined {
    return this.#at[0];
  }

  /** Adds `item` due at `at`; an item already in the heap is moved to its new instant. */
  push(at: number, item: T): void {
    if (item.heapIndex !== -1) this.remove(item);
    const i = this.#at.length;
    this.#at.push(at);
    this.#items.push(item);
    item.heapIndex = i;
    this.#up(i);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top === undefined) return undefined;
    this.remove(top);
    return top;
  }

  /** Takes `item` out wherever it is; nothing happens when it is not in the heap. */
  remove(item: T): void {
    const i = item.heapIndex;
    if (i === -1) return;
    item.heapIndex = -1;
    const lastAt = this.#at.pop()!;
    const lastItem = this.#items.pop()!;
    if (i === this.#at.length) return;
    this.#at[i] = lastAt;
    this.#items[i] = lastItem;
    lastItem.heapIndex = i;
    this.#down(this.#up(i));
  }

  /** Calls `fn` with every item, in no particular order; `fn` must not change the heap. */
  forEach(fn: (item: T) => void): void {
    for (const item of this.#items) fn(item);
  }

  clear(): void {
    for (const item of this.#items) item.heapIndex = -1;
    this.#at = [];
    this.#items = [];
  }

  /** Moves the entry at `i` towards the root while it is earlier than its parent; its new slot. */
  #up(i: number): number {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#at[parent]! <= this.#at[i]!) break;
      this.#swap(i, parent);
      i = parent;
    }
    return i;
  }

  #down(i: number): void {
    const size = this.#at.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < size && this.#at[left]! < this.#at[smallest]!) smallest = left;
      if (right < size && this.#at[right]! < this.#at[smallest]!) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const at = this.#at[a]!;
    this.#at[a] = this.#at[b]!;
    this.#at[b] = at;
    const item = this.#items[a]!;
    this.#items[a] = this.#items[b]!;
    this.#items[b] = item;
    this.#items[a]!.heapIndex = a;
    item.heapIndex = b;
  }
}

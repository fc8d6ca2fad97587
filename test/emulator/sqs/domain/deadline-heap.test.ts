// The deadline heap against a plain set: pushes, moves, removals and pops in any order keep it in
// deadline order, every item knows whether and where it sits, and forEach visits exactly those.
import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from '../../../../src/emulator/sqs/domain/deadline-heap.ts';
import { seededRandom } from '../../../../src/kernel/random.ts';

interface Item {
  id: number;
  at: number;
  heapIndex: number;
}

const item = (id: number): Item => ({ id, at: 0, heapIndex: -1 });

describe('deadline heap', () => {
  it('pops in deadline order and marks popped items as outside', () => {
    const heap = new DeadlineHeap<Item>();
    const items = [5, 1, 4, 2, 3].map((at, id) => ({ ...item(id), at }));
    for (const i of items) heap.push(i.at, i);
    expect(heap.peekAt()).toBe(1);
    const order: number[] = [];
    for (let next = heap.pop(); next !== undefined; next = heap.pop()) {
      expect(next.heapIndex).toBe(-1);
      order.push(next.at);
    }
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(heap.size).toBe(0);
    expect(heap.peekAt()).toBeUndefined();
  });

  it('moves an item pushed again instead of holding it twice, and removes from anywhere', () => {
    const heap = new DeadlineHeap<Item>();
    const a = item(1);
    const b = item(2);
    const c = item(3);
    heap.push(10, a);
    heap.push(20, b);
    heap.push(30, c);
    heap.push(40, a);
    expect(heap.size).toBe(3);
    expect(heap.peekAt()).toBe(20);
    heap.remove(c);
    heap.remove(c);
    expect(c.heapIndex).toBe(-1);
    expect([heap.pop()?.id, heap.pop()?.id, heap.pop()]).toEqual([2, 1, undefined]);
  });

  it('clears every slot', () => {
    const heap = new DeadlineHeap<Item>();
    const items = [item(1), item(2)];
    for (const i of items) heap.push(i.id, i);
    heap.clear();
    expect(items.map((i) => i.heapIndex)).toEqual([-1, -1]);
    expect(heap.size).toBe(0);
  });

  it('agrees with a sorted list over a long random mix of operations', () => {
    const random = seededRandom(11);
    const heap = new DeadlineHeap<Item>();
    const items = Array.from({ length: 200 }, (_, id) => item(id));
    const inside = new Set<Item>();
    for (let step = 0; step < 5_000; step++) {
      const target = items[Math.floor(random() * items.length)]!;
      const roll = random();
      if (roll < 0.5) {
        target.at = Math.floor(random() * 1_000);
        heap.push(target.at, target);
        inside.add(target);
      } else if (roll < 0.8) {
        heap.remove(target);
        inside.delete(target);
      } else {
        const earliest = Math.min(...[...inside].map((i) => i.at));
        const popped = heap.pop();
        if (inside.size === 0) expect(popped).toBeUndefined();
        else {
          expect(popped?.at).toBe(earliest);
          inside.delete(popped!);
        }
      }
      expect(heap.size).toBe(inside.size);
      const misplaced = items.filter((i) => (i.heapIndex === -1) === inside.has(i));
      expect(misplaced).toEqual([]);
      if (step % 100 === 0) {
        const seen: Item[] = [];
        heap.forEach((i) => {
          seen.push(i);
        });
        expect(new Set(seen)).toEqual(inside);
        expect(seen).toHaveLength(inside.size);
      }
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawWhenSeen, VISIBILITY_EVENT, type BlockElement } from './draw-when-seen';

/** A block as Chromium shows it to the module: the event's handler property, and a way to fire the event. */
class FakeBlock implements BlockElement {
  oncontentvisibilityautostatechange = null;
  private readonly listeners: ((event: { target: unknown; skipped?: boolean }) => void)[] = [];
  addEventListener(type: string, listener: (event: { target: unknown; skipped?: boolean }) => void) {
    expect(type).toBe(VISIBILITY_EVENT);
    this.listeners.push(listener);
  }
  fire(skipped: boolean, target: unknown = this) {
    for (const listener of this.listeners) listener({ target, skipped });
  }
  get listenerCount() {
    return this.listeners.length;
  }
}

/** A block in an environment without the event (tests' DOMs, other browsers). */
const plainBlock = (): BlockElement => ({ addEventListener: () => expect.unreachable('no listener without the event') });

describe('drawWhenSeen', () => {
  it('draws at once without a block or where the event does not exist', () => {
    let drawn = 0;
    drawWhenSeen({}, null, () => drawn++);
    drawWhenSeen({}, plainBlock(), () => drawn++);
    expect(drawn).toBe(2);
  });

  it('waits for a new block to be rendered, then draws at once while it is', () => {
    const block = new FakeBlock();
    const canvas = {};
    const drawn: string[] = [];
    drawWhenSeen(canvas, block, () => drawn.push('first'));
    drawWhenSeen(canvas, block, () => drawn.push('second')); // replaces the waiting draw
    expect(drawn).toEqual([]);
    block.fire(true); // off screen: still waiting
    expect(drawn).toEqual([]);
    block.fire(false);
    expect(drawn).toEqual(['second']);
    drawWhenSeen(canvas, block, () => drawn.push('third'));
    expect(drawn).toEqual(['second', 'third']);
    block.fire(false); // nothing waits: nothing drawn again
    expect(drawn).toEqual(['second', 'third']);
    expect(block.listenerCount).toBe(1);
  });

  it('ignores the event of another element and a dropped request', () => {
    const block = new FakeBlock();
    const drawn: string[] = [];
    const cancel = drawWhenSeen({}, block, () => drawn.push('dropped'));
    drawWhenSeen({}, block, () => drawn.push('kept'));
    block.fire(false, {});
    expect(drawn).toEqual([]);
    cancel();
    block.fire(false);
    expect(drawn).toEqual(['kept']);
  });

  // Against a model: a canvas shows the newest drawing asked for whenever its block is rendered,
  // nothing is drawn into a block that is not, and no request is drawn twice.
  it('shows every canvas its newest drawing whenever its block is rendered (fast-check)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('draw' as const), block: fc.nat(2), canvas: fc.nat(3) }),
      fc.record({ kind: fc.constant('cancel' as const), block: fc.nat(2), canvas: fc.nat(3) }),
      fc.record({ kind: fc.constant('event' as const), block: fc.nat(2), skipped: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const blocks = [new FakeBlock(), new FakeBlock(), new FakeBlock()];
        // A block's cards ask before its first event (they mount with it; Chromium fires the
        // event in a later frame), so the model counts a block's events from its first request.
        const rendered = [false, false, false];
        const mounted = [false, false, false];
        const canvases = [{}, {}, {}, {}];
        let next = 1;
        // Per (block, canvas): the newest request, what it shows, the cancel of its newest request.
        const asked = new Map<string, number>();
        const shown = new Map<string, number>();
        const cancels = new Map<string, () => void>();
        const drawnOnce = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'event') {
            if (!mounted[o.block]) continue;
            rendered[o.block] = !o.skipped;
            blocks[o.block].fire(o.skipped);
          } else if (o.kind === 'draw') {
            const key = `${o.block}/${o.canvas}`;
            const id = next++;
            mounted[o.block] = true;
            asked.set(key, id);
            cancels.set(
              key,
              drawWhenSeen(canvases[o.canvas], blocks[o.block], () => {
                expect(rendered[o.block]).toBe(true);
                expect(drawnOnce.has(id)).toBe(false);
                drawnOnce.add(id);
                shown.set(key, id);
              }),
            );
          } else {
            // The card's cleanup: its newest request is dropped (the next effect asks again).
            const key = `${o.block}/${o.canvas}`;
            cancels.get(key)?.();
            if (asked.get(key) !== shown.get(key)) asked.delete(key);
          }
          for (const [key, id] of asked) if (rendered[Number(key.split('/')[0])]) expect(shown.get(key)).toBe(id);
        }
      }),
    );
  });
});

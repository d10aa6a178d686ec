import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyFrame, createPodscapeStore } from '../../store/podscape-store';
import { createFlipRegistry, MAX_FLIGHTS, TRAY } from './flip';
import { frame, node, pod } from '../../../protocol/frame-fixtures';

/** A pod card as flip.ts sees it: a uid, a rect, the node it sits in, and animate(). */
function card(uid: string, where: string, left: number, top: number) {
  const el = {
    dataset: { podUid: uid },
    rect: { left, top },
    getBoundingClientRect: () => el.rect,
    /** The node card: on screen unless `where` names one of `OFF_SCREEN`. */
    closest: () => (where === TRAY ? null : { dataset: { node: where }, getBoundingClientRect: () => (OFF_SCREEN.has(where) ? { left: 0, top: 5000, bottom: 5400 } : { left: 0, top: 0, bottom: 400 }) }),
    classList: { add: vi.fn(), remove: vi.fn() },
    animate: vi.fn(() => ({ onfinish: null, oncancel: null })),
  };
  return el;
}

/** Node cards out of the viewport (content-visibility skips their pods). */
const OFF_SCREEN = new Set<string>();

function setup() {
  const store = createPodscapeStore();
  const cards = [card('uid-a', 'w1', 10, 100), card('uid-wait', TRAY, 10, 900)];
  const tray = { getBoundingClientRect: () => ({ left: 0, top: 850 }) };
  const root = {
    querySelector: (selector: string) => (selector.startsWith('[data-pod-uid=') ? (cards.find((c) => selector === `[data-pod-uid="${c.dataset.podUid}"]`) ?? null) : tray),
  };
  const flip = createFlipRegistry();
  const stop = flip.connect(store, () => root as unknown as HTMLElement);
  const base = { nodes: [node('w1'), node('w2')], queue: [] };
  applyFrame(store, frame({ seq: 1, ...base, pods: [pod('a', 'w1'), pod('wait', null)] }));
  return { store, flip, stop, base };
}

afterEach(() => {
  vi.unstubAllGlobals();
  OFF_SCREEN.clear();
});

describe('flip', () => {
  it('plays a moved pod from its old place and a new pod from the pending tray', async () => {
    const { store, flip, stop, base } = setup();
    // The frame that moves pods is measured before React would apply it.
    applyFrame(store, frame({ seq: 2, reset: false, ...base, pods: [pod('a', 'w1'), pod('new', 'w2'), pod('wait', 'w2')] }));

    const moved = card('uid-wait', 'w2', 400, 100);
    flip.play('uid-wait', moved as unknown as HTMLElement, 'w2');
    await Promise.resolve(); // the commit's flights start together, in a microtask
    expect(moved.animate).toHaveBeenCalledTimes(1);
    expect((moved.animate.mock.calls[0] as unknown[])[0]).toEqual([
      { transform: 'translate(-390px, 800px)', opacity: 1 },
      { transform: 'translate(0, 0)', opacity: 1 },
    ]);
    expect(moved.classList.add).toHaveBeenCalledWith('pod-flying');

    const born = card('uid-new', 'w2', 400, 160);
    flip.play('uid-new', born as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect((born.animate.mock.calls[0] as unknown[])[0]).toEqual([
      { transform: 'translate(-400px, 690px)', opacity: 0.3 },
      { transform: 'translate(0, 0)', opacity: 1 },
    ]);

    // A pod that stayed where it was does not move.
    const still = card('uid-a', 'w1', 10, 100);
    flip.play('uid-a', still as unknown as HTMLElement, 'w1');
    await Promise.resolve();
    expect(still.animate).not.toHaveBeenCalled();
    stop();
  });

  it('does nothing on the first frame, after a scenario load, or under reduced motion', async () => {
    const { store, flip, stop, base } = setup();
    const el = card('uid-wait', 'w2', 400, 100);
    flip.play('uid-wait', el as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect(el.animate).not.toHaveBeenCalled();

    applyFrame(store, frame({ seq: 2, reset: true, ...base, pods: [pod('a', 'w1'), pod('wait', 'w2')] }));
    flip.play('uid-wait', el as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect(el.animate).not.toHaveBeenCalled();

    vi.stubGlobal('window', { matchMedia: (q: string) => ({ matches: q === '(prefers-reduced-motion: reduce)' }) });
    applyFrame(store, frame({ seq: 3, reset: false, ...base, pods: [pod('a', 'w2'), pod('wait', 'w2')] }));
    const reduced = card('uid-a', 'w2', 400, 200);
    flip.play('uid-a', reduced as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect(reduced.animate).not.toHaveBeenCalled();
    stop();
  });

  it('measures only the pods that change place, and lets pods past the cap land without a flight', async () => {
    const store = createPodscapeStore();
    const names = Array.from({ length: MAX_FLIGHTS + 5 }, (_, i) => `p${i}`);
    const cards = names.map((n, i) => card(`uid-${n}`, 'w1', 10, i * 10));
    const measured: string[] = [];
    const tray = { getBoundingClientRect: () => ({ left: 0, top: 850 }) };
    const root = {
      querySelector: (selector: string) => {
        if (!selector.startsWith('[data-pod-uid=')) return tray;
        measured.push(selector);
        return cards.find((c) => selector === `[data-pod-uid="${c.dataset.podUid}"]`) ?? null;
      },
    };
    const flip = createFlipRegistry();
    const stop = flip.connect(store, () => root as unknown as HTMLElement);
    const base = { nodes: [node('w1'), node('w2')], queue: [] };
    applyFrame(store, frame({ seq: 1, ...base, pods: names.map((n) => pod(n, 'w1')) }));
    // One pod moves: one card measured.
    applyFrame(store, frame({ seq: 2, reset: false, ...base, pods: names.map((n, i) => pod(n, i === 0 ? 'w2' : 'w1')) }));
    expect(measured).toEqual(['[data-pod-uid="uid-p0"]']);
    // Every pod moves: MAX_FLIGHTS measured, and the last one lands in place.
    measured.length = 0;
    applyFrame(store, frame({ seq: 3, reset: false, ...base, pods: names.map((n) => pod(n, 'w2')) }));
    expect(measured).toHaveLength(MAX_FLIGHTS);
    const first = card('uid-p1', 'w2', 400, 0);
    flip.play('uid-p1', first as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect(first.animate).toHaveBeenCalledTimes(1);
    const last = card(`uid-p${names.length - 1}`, 'w2', 400, 0);
    flip.play(`uid-p${names.length - 1}`, last as unknown as HTMLElement, 'w2');
    await Promise.resolve();
    expect(last.animate).not.toHaveBeenCalled();
    stop();
  });

  it('reads the place of every flight before it touches any card (one layout per commit, not one per flight)', async () => {
    const { store, flip, stop, base } = setup();
    applyFrame(store, frame({ seq: 2, reset: false, ...base, pods: [pod('a', 'w2'), pod('n1', 'w2'), pod('n2', 'w1'), pod('wait', 'w2')] }));
    const log: string[] = [];
    const cards = [card('uid-a', 'w2', 400, 100), card('uid-n1', 'w2', 400, 160), card('uid-n2', 'w1', 10, 160), card('uid-wait', 'w2', 400, 220)];
    for (const c of cards) {
      c.getBoundingClientRect = () => (log.push(`read ${c.dataset.podUid}`), c.rect);
      c.classList.add = vi.fn(() => void log.push(`write ${c.dataset.podUid}`));
    }
    for (const c of cards) flip.play(c.dataset.podUid, c as unknown as HTMLElement, c.closest()?.dataset.node ?? TRAY);
    expect(log).toEqual([]); // nothing read or written inside the commit's layout effects
    await Promise.resolve();
    const reads = cards.map((c) => `read ${c.dataset.podUid}`);
    expect(log.slice(0, cards.length)).toEqual(reads);
    expect(log.slice(cards.length)).toEqual(cards.map((c) => `write ${c.dataset.podUid}`));
    cards.forEach((c) => expect(c.animate).toHaveBeenCalledTimes(1));
    stop();
  });

  it('neither measures nor flies a pod card inside a node card out of view (its pods are not drawn)', async () => {
    const { store, flip, stop, base } = setup();
    vi.stubGlobal('innerHeight', 720);
    OFF_SCREEN.add('w1');
    const read = vi.fn();
    // 'a' leaves w1 (out of view) for w2; 'wait' and a new pod land on w1.
    const a = card('uid-a', 'w1', 10, 100);
    a.getBoundingClientRect = () => (read('a before'), a.rect);
    const frames = { querySelector: (sel: string) => (sel.startsWith('[data-pod-uid="uid-a"') ? a : sel.startsWith('[data-pod-uid=') ? null : { getBoundingClientRect: () => ({ left: 0, top: 850 }) }) };
    const stop2 = flip.connect(store, () => frames as unknown as HTMLElement);
    applyFrame(store, frame({ seq: 2, reset: false, ...base, pods: [pod('a', 'w2'), pod('new', 'w1'), pod('wait', 'w1')] }));
    expect(read).not.toHaveBeenCalled(); // measured from w1's card instead

    const movedOut = card('uid-a', 'w2', 400, 100);
    const landing = [card('uid-new', 'w1', 10, 5100), card('uid-wait', 'w1', 10, 5160)];
    for (const c of landing) c.getBoundingClientRect = () => (read(c.dataset.podUid), c.rect);
    flip.play('uid-a', movedOut as unknown as HTMLElement, 'w2');
    for (const c of landing) flip.play(c.dataset.podUid, c as unknown as HTMLElement, 'w1');
    await Promise.resolve();
    expect(read).not.toHaveBeenCalled();
    landing.forEach((c) => expect(c.animate).not.toHaveBeenCalled());
    // Out of the hidden card into one in view: it flies, from where the hidden card is (0, 5000).
    expect((movedOut.animate.mock.calls[0] as unknown[])[0]).toEqual([
      { transform: 'translate(-400px, 4900px)', opacity: 1 },
      { transform: 'translate(0, 0)', opacity: 1 },
    ]);
    stop2();
    stop();
  });
});

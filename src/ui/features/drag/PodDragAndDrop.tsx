import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type TouchEvent } from 'react';
import { findPodByUid } from '../../../protocol/frame-pods';
import { settle } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { announcements, lateVerdictSentence, screenReaderInstructions } from './announcements';
import { canvasPress } from './canvas-drag';
import { createDragController, type DragController } from './drag-controller';
import { DragRegistry, DragRegistryContext } from './drag-registry';
import { createDragStore, DragStoreContext, useDragState, type DragStore } from './drag-store';
import { DRAG_INSTRUCTIONS_ID } from './pod-drag';
import { DropDialog } from './DropDialog';
import { DropOutcomeNotice } from './DropOutcomeNotice';
import { PodDragProxy } from './DragProxy';
import { centreOnPointer } from './keyboard-coordinates';
import { collidedNode, nodeTargets, windowScroll, windowScrollBy, windowViewport } from './node-targets';
import { RemeasureOnScroll } from './remeasure-on-scroll';
import '../../components/visually-hidden.css';
import './drag.css';

const OVERLAY_MODIFIERS = [centreOnPointer];
/** Space/Enter pick up and drop; Escape cancels, and so does Tab (leaving the pod where it was, not dropping it). */
const KEYBOARD_CODES = { start: ['Space', 'Enter'], cancel: ['Escape', 'Tab'], end: ['Space', 'Enter'] };

/**
 * A mouse or pen drag starts after a 6 px move. A finger's does not: on a phone the pod cards
 * fill the screen, and a swipe to scroll would pick a pod up (and end in the drop dialog).
 * A finger picks a pod up by holding it still for TOUCH_HOLD_MS (TouchSensor below); a swipe scrolls.
 */
class MousePointerSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: (event: PointerEvent, options: Parameters<(typeof PointerSensor.activators)[number]['handler']>[1]) =>
        event.nativeEvent.pointerType !== 'touch' && PointerSensor.activators[0].handler(event, options),
    },
  ];
}

/** How long a finger holds a pod still (within TOUCH_TOLERANCE_PX) to pick it up. */
export const TOUCH_HOLD_MS = 250;
const TOUCH_TOLERANCE_PX = 8;

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/**
 * Drag and drop of pods onto nodes around `children` (the cluster view):
 * pointer (a 6 px move starts a drag, so a click stays a click) and keyboard
 * (Space/Enter picks up and drops, arrows jump from node to node, Escape
 * cancels). The engine is asked once per drag for every node's verdict.
 *
 * `children` sit outside <DndContext>, which holds only one stand-in (the
 * draggable proxy): see drag-registry.ts. The node cards are drop targets
 * without a droppable each: see node-targets.ts.
 */
export function PodDragAndDrop({ children }: { children: ReactNode }) {
  const { store, client } = usePodscapeRuntime();
  // No drag machinery (nor its live region) before there is a cluster to drag in.
  const ready = usePodscapeStore((s) => s.frame !== null);
  const [drag] = useState(createDragStore);
  const [registry] = useState(() => new DragRegistry());
  const controller = useMemo(() => createDragController(store, client, drag), [store, client, drag]);

  /** A press on a pod card or a pod canvas (delegated: the cards hold no listeners of their own). */
  const press = (event: PointerEvent | KeyboardEvent | TouchEvent, eventName: PressName) => {
    const card = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-pod][data-draggable]') : null;
    const drawn = card ? null : canvasPress(pressPoint(event), eventName === 'onTouchStart' ? 'onPointerDown' : eventName);
    if (drawn) return pressOn(event, drawn.uid, drawn.element, eventName);
    if (!card || (eventName === 'onKeyDown' && event.target !== card)) return;
    const uid = card.getAttribute('data-pod-uid');
    if (uid !== null) pressOn(event, uid, card, eventName);
  };
  const pressOn = (event: PointerEvent | KeyboardEvent | TouchEvent, uid: string, element: HTMLElement, eventName: PressName) => {
    // From the frame's pod table: the canvas view never builds the index's pod part.
    const frame = store.getState().frame;
    const pod = frame ? findPodByUid(frame, uid) : null;
    // A pod being deleted has nowhere to go.
    if (pod && pod.deletionTimestamp === null) registry.activate(event, pod, element, eventName);
  };

  return (
    <DragStoreContext.Provider value={drag}>
      <DragRegistryContext.Provider value={registry}>
        <DropOutcomeNotice onClose={controller.closeOutcome} />
        <div className="pod-drag-area" onPointerDown={(e) => press(e, 'onPointerDown')} onKeyDown={(e) => press(e, 'onKeyDown')} onTouchStart={(e) => press(e, 'onTouchStart')}>
          {children}
        </div>
        <p id={DRAG_INSTRUCTIONS_ID} hidden>
          {screenReaderInstructions.draggable}
        </p>
        {ready && <DragLayer registry={registry} controller={controller} drag={drag} />}
        <DragHint />
        <LateVerdict />
        <DropDialog onConfirm={() => settle(controller.confirm())} onCancel={controller.dismiss} />
      </DragRegistryContext.Provider>
    </DragStoreContext.Provider>
  );
}

/**
 * dnd-kit's context and its stand-ins, memoised on stable props: the view around it
 * may re-render on every frame (the canvas view takes the frame as a prop), and
 * re-rendering the context would re-render its stand-ins each time.
 */
const DragLayer = memo(function DragLayer({ registry, controller, drag }: { registry: DragRegistry; controller: DragController; drag: DragStore }) {
  const targets = useMemo(() => nodeTargets({ cards: () => registry.cards(), scroll: windowScroll, viewport: windowViewport, scrollBy: windowScrollBy }), [registry]);
  const sensors = useSensors(
    useSensor(MousePointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: TOUCH_HOLD_MS, tolerance: TOUCH_TOLERANCE_PX } }),
    useSensor(KeyboardSensor, { coordinateGetter: targets.coordinateGetter, keyboardCodes: KEYBOARD_CODES, scrollBehavior: reducedMotion() ? 'auto' : 'smooth' }),
  );
  const accessibility = useMemo(() => ({ announcements: announcements(drag.getState, () => registry.overNode), screenReaderInstructions }), [drag, registry]);
  const release = useReleasePoint();
  /**
   * Where a pointer drag ends: the node card under the release point. It is
   * what dnd-kit computed too, except when the pointer jumped onto the card in
   * one move (the move that starts a drag is not applied; Playwright's dragTo does this).
   */
  const dropTarget = (e: DragEndEvent) => {
    const at = e.activatorEvent instanceof globalThis.PointerEvent ? release.current : null;
    return (at && nodeAtPoint(at.x, at.y)) ?? collidedNode(e.collisions);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={targets.collisionDetection}
      accessibility={accessibility}
      onDragStart={(e) => {
        registry.overNode = null;
        const pod = registry.data.pod;
        if (pod) settle(controller.start(pod, e.activatorEvent instanceof globalThis.KeyboardEvent ? 'keyboard' : 'pointer'));
      }}
      onDragOver={(e) => {
        // Before dnd-kit's announcement, which reads it (see announcements.ts).
        registry.overNode = collidedNode(e.collisions);
        controller.over(registry.overNode);
      }}
      onDragEnd={(e) => settle(controller.drop(dropTarget(e)))}
      onDragCancel={() => controller.cancel()}
    >
      <PodDragProxy />
      <RemeasureOnScroll />
      <DragOverlay dropAnimation={null} modifiers={OVERLAY_MODIFIERS}>
        <DraggedPod />
      </DragOverlay>
    </DndContext>
  );
});

type PressName = 'onPointerDown' | 'onKeyDown' | 'onTouchStart';

/** A press as canvasPress reads it: a touch's point is its first finger's. */
function pressPoint(event: PointerEvent | KeyboardEvent | TouchEvent) {
  if (!('touches' in event)) return event;
  const finger = event.touches[0];
  return { target: event.target, clientX: finger?.clientX, clientY: finger?.clientY };
}

/** The position of the latest pointerup, recorded before dnd-kit handles it (capture phase). */
function useReleasePoint() {
  const point = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const record = (e: globalThis.PointerEvent) => {
      point.current = { x: e.clientX, y: e.clientY };
    };
    window.addEventListener('pointerup', record, true);
    return () => window.removeEventListener('pointerup', record, true);
  }, []);
  return point;
}

function nodeAtPoint(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const card = element.closest('[data-node]');
    if (card) return card.getAttribute('data-node');
  }
  return null;
}

/** The pod following the pointer. */
function DraggedPod() {
  const pod = useDragState((s) => s.active);
  if (!pod) return null;
  return (
    <div className="pod-drag-overlay" aria-hidden="true">
      <span className="pod-drag-chip">{pod.name}</span>
    </div>
  );
}

/** A line at the bottom of the window while a pod is dragged, saying what to do. */
/**
 * Says the verdict for the node under the pod when the engine answers after dnd-kit's own
 * announcement for that node (which said "checking with the scheduler"): a polite live
 * region of its own, as dnd-kit announces only when the node under the pod changes.
 */
function LateVerdict() {
  const state = useDragState((s) => s);
  const waited = useRef<string | null>(null);
  const [said, setSaid] = useState<{ node: string; text: string } | null>(null);
  useEffect(() => {
    if (!state.active || !state.over) {
      waited.current = null;
      setSaid(null);
    } else if (state.verdicts === null && state.verdictError === null) {
      waited.current = state.over;
    } else {
      const sentence = lateVerdictSentence(state, waited.current);
      waited.current = null;
      // Said once; gone when the pod moves on (dnd-kit then says the next node's verdict itself).
      if (sentence) setSaid({ node: state.over, text: sentence });
      else setSaid((prev) => (prev?.node === state.over ? prev : null));
    }
  }, [state]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-late-verdict>
      {said?.text}
    </p>
  );
}

function DragHint() {
  const pod = useDragState((s) => s.active);
  const error = useDragState((s) => s.verdictError);
  const keyboard = useDragState((s) => s.by === 'keyboard');
  // dnd-kit's KeyboardSensor starts listening for keys a timer task after the pick-up, and the
  // browser runs input before timers: a key pressed as soon as the hint showed could be lost.
  // So a keyboard drag's hint shows after that timer (a timer queued later runs later).
  const [listening, setListening] = useState<object | null>(null);
  useEffect(() => {
    if (!pod || !keyboard) return;
    const timer = setTimeout(() => setListening(pod));
    return () => clearTimeout(timer);
  }, [pod, keyboard]);
  if (!pod || (keyboard && listening !== pod)) return null;
  return (
    <p className="drag-hint" data-drag-hint>
      {keyboard ? (
        <>
          Dragging pod <strong>{pod.name}</strong> with the keyboard: the arrow keys go from node to node, each with the scheduler&apos;s verdict; Space or Enter drops it
          there, Escape cancels.
        </>
      ) : (
        <>
          Dragging pod <strong>{pod.name}</strong>: hover a node to see the scheduler&apos;s verdict, drop to place it; Escape cancels.
        </>
      )}
      {error && <span className="drag-hint-error"> The scheduler could not be asked: {error}</span>}
    </p>
  );
}

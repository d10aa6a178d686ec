import { useEffect, useId, useRef, useState } from 'react';
import { LESSONS, type Lesson } from '../../../../scenario/lessons';
import { PRESETS, type Preset } from '../../../../scenario/presets';
import { loadScenario, settle } from '../../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../../store/podscape-store';
import { openLesson } from '../lessons/lesson-actions';
import { presetMatches } from './preset-filter';
import './presets.css';

/** The gallery as a modal dialog: each preset with what it teaches, to load as is or as a lesson. */
export default function PresetGallery({ onClose }: { onClose(): void }) {
  const { store, client } = usePodscapeRuntime();
  const loadedFile = usePodscapeStore((s) => s.scenario?.file);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  // Close the modal first: while it is open the rest of the page is inert and cannot take focus back.
  const close = () => {
    dialog.current?.close();
    onClose();
  };
  const run = (action: Promise<unknown>) => {
    close();
    settle(action);
  };
  return (
    <dialog ref={dialog} className="preset-gallery" aria-labelledby="preset-gallery-heading" onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <PresetGalleryView
        presets={PRESETS}
        lessons={LESSONS}
        loaded={PRESETS.find((p) => p.file === loadedFile)?.id}
        onLoad={(p) => run(loadScenario(store, client, p.text, p.file))}
        onLesson={(l) => run(openLesson(store, client, l.id))}
        onClose={close}
      />
    </dialog>
  );
}

interface ViewProps {
  presets: readonly Preset[];
  lessons: readonly Lesson[];
  /** The id of the preset the cluster was loaded from, if any: its card says so (22 cards looked alike). */
  loaded?: string;
  onLoad(preset: Preset): void;
  onLesson(lesson: Lesson): void;
  onClose(): void;
}

export function PresetGalleryView({ presets, lessons, loaded, onLoad, onLesson, onClose }: ViewProps) {
  const id = useId();
  // 22 cards are a long scroll on a phone: a filter over titles, paragraphs and lessons.
  const [query, setQuery] = useState('');
  const shown = presets.filter((p) => presetMatches(p, lessons.find((l) => l.presetId === p.id), query));
  return (
    <>
      <div className="preset-gallery-top">
        <header className="preset-gallery-header">
          <h2 id="preset-gallery-heading">Presets and lessons</h2>
          <button type="button" onClick={onClose}>
            Close gallery
          </button>
        </header>
        <div className="preset-filter">
          <label htmlFor={`${id}-filter`}>Filter presets</label>
          <input id={`${id}-filter`} type="search" value={query} placeholder="node, drain, affinity…" onChange={(e) => setQuery(e.target.value)} />
          <p role="status" className="preset-filter-count">
            {query.trim() === '' ? '' : shown.length === 0 ? `No preset matches “${query.trim()}”.` : `${shown.length} of ${presets.length} presets`}
          </p>
        </div>
      </div>
      <p className="preset-gallery-intro">Each preset replaces the current cluster. A lesson adds steps with goals checked live against it.</p>
      <ul className="preset-list">
        {shown.map((p) => {
          const lesson = lessons.find((l) => l.presetId === p.id);
          const titleId = `${id}-${p.id}`;
          return (
            <li key={p.id} className="preset-card" data-preset={p.id} {...(p.id === loaded ? { 'aria-current': 'true' as const, 'data-loaded': '' } : {})}>
              <h3 id={titleId}>{p.title}</h3>
              {p.id === loaded ? <p className="preset-badge preset-loaded">Loaded now</p> : null}
              {p.shortenedTimings ? (
                <p className="preset-badge" title="spec.controlPlane shortens upstream's defaults to keep the demo short">
                  Shortened timings
                </p>
              ) : null}
              <p>{p.paragraph}</p>
              <p className="preset-lesson">
                <strong>Teaches:</strong> {p.lesson}
              </p>
              <div className="preset-actions">
                <button type="button" aria-label={`Load scenario ${p.title}`} onClick={() => onLoad(p)}>
                  Load
                </button>
                {lesson ? (
                  <button type="button" aria-label={`Start lesson ${lesson.title}`} onClick={() => onLesson(lesson)}>
                    Start lesson: {lesson.title}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

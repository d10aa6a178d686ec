import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { settle } from '../../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../../store/podscape-store';
import { SHARE_URL_BUDGET, shareUrl } from './share-url';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Share: a link that opens this exact state in another browser (the scenario, the
 * commands applied, the cluster time and the selection). Over 2 KB it warns and offers
 * the session as a scenario file instead.
 */
export function SharePanel() {
  const { store, client } = usePodscapeRuntime();
  const ready = usePodscapeStore((s) => s.frame !== null);
  const [link, setLink] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const id = useId();
  const resultId = useId();

  // Escape closes the open panel and gives the focus back to Share (as the import dialog does).
  const keys = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || link === null) return;
    e.stopPropagation();
    setLink(null);
    setNote('');
    opener.current?.focus();
  };

  const share = async () => {
    try {
      const session = await client.exportSession();
      setLink(await shareUrl(window.location.href, session, store.getState().selected, store.getState().lesson));
      setNote('');
    } catch (error) {
      store.setState({ error: `Could not make a share link: ${messageOf(error)}` });
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setNote('Link copied.');
    } catch {
      field.current?.select();
      setNote('Copying is blocked here: the link is selected, press Ctrl+C (⌘C on a Mac).');
    }
  };

  const download = async () => {
    try {
      const [{ scenarioWithTimeline }, session] = await Promise.all([import('../../../../scenario/share/scenario-file'), client.exportSession()]);
      const blob = new Blob([scenarioWithTimeline(session.scenarioText, session.commands)], { type: 'application/yaml' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${session.file.split('/').pop()?.replace(/\.ya?ml$/, '') || 'scenario'}-session.yaml`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 0);
    } catch (error) {
      store.setState({ error: `Could not make the scenario file: ${messageOf(error)}` });
    }
  };

  const tooLong = link !== null && link.length > SHARE_URL_BUDGET;
  return (
    <section className="share" aria-label="Share" onKeyDown={keys}>
      <button
        ref={opener}
        type="button"
        disabled={!ready}
        aria-expanded={link !== null}
        aria-controls={link !== null ? resultId : undefined}
        onClick={() => settle(share())}
      >
        Share
      </button>
      {link !== null && (
        <div className="share-result" id={resultId}>
          <label htmlFor={id}>Share link</label>
          <input id={id} ref={field} className="share-link" type="url" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-length={link.length} />
          <button type="button" onClick={() => settle(copy())}>
            Copy
          </button>
          {tooLong && (
            <p className="share-warning" role="status">
              This link is {(link.length / 1024).toFixed(1)} KB, longer than the {SHARE_URL_BUDGET / 1024} KB that every chat app and browser
              keeps whole.{' '}
              <button type="button" onClick={() => settle(download())}>
                Download scenario file
              </button>
            </p>
          )}
          <span className="share-note" role="status">
            {note}
          </span>
        </div>
      )}
    </section>
  );
}

import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { usePodscapeRuntime, usePodscapeStore } from '../../../store/podscape-store';
import { saveFile, svgToPng } from './download';
import { ExportMenu, type ExportChoice } from './ExportMenu';
import { exportYaml, IMPORT_ERROR, importYaml, MAX_FIELD_CHARS, picture, readImportFile } from './import-export-actions';
import { useFileDrop } from './use-file-drop';
import './import-export.css';

// Loaded when first needed: the first load's JavaScript has a budget (e2e/specs/bundle-budget.spec.ts).
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));
const ImportNotices = lazy(() => import('./ImportNotices'));

/**
 * Import and Export: the "Import YAML" button and dialog (paste, upload, or drop a file
 * anywhere on the page), the Export menu (scenario, clean manifests, KWOK nodes, picture
 * as SVG or PNG), the notice naming imported kinds that Podscape does not simulate, the one
 * naming fields a real cluster would refuse, and the
 * one naming owners the input's objects refer to and leave out.
 */
export function ImportExport() {
  const { store, client } = usePodscapeRuntime();
  const hasFrame = usePodscapeStore((s) => s.frame !== null);
  const scenario = usePodscapeStore((s) => s.scenario);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [file, setFile] = useState('pasted.yaml');
  const [busy, setBusy] = useState(false);
  // The text in the field is the one the last import refused (cleared by any edit).
  const [refused, setRefused] = useState(false);
  const alerting = usePodscapeStore((s) => s.error !== null);
  const [dismissed, setDismissed] = useState<object | null>(null);
  const [ownersDismissed, setOwnersDismissed] = useState<object | null>(null);
  const [fieldsDismissed, setFieldsDismissed] = useState<object | null>(null);
  const opener = useRef<HTMLButtonElement>(null);

  // Cancelling the import also takes back its refusal: the page's alert kept saying "Could not
  // import …" above a cluster the user had chosen to keep, with nothing left to fix.
  const close = () => {
    setOpen(false);
    if (store.getState().error?.startsWith(IMPORT_ERROR)) store.setState({ error: null });
    opener.current?.focus();
  };
  const run = useCallback(
    async (yaml: string, name: string) => {
      setBusy(true);
      try {
        await importYaml(store, client, yaml, name);
        setRefused(false);
        setOpen(false);
        setText('');
        setFile('pasted.yaml');
      } catch {
        // The alert shows why; keep the text open to be fixed (a very long one stays out of the field).
        if (yaml.length <= MAX_FIELD_CHARS) {
          setText(yaml);
          setFile(name);
          setRefused(true);
        } else setRefused(false);
        setOpen(true);
      } finally {
        setBusy(false);
      }
    },
    [store, client],
  );
  const readFile = useCallback(
    (f: File) =>
      void readImportFile(store, f).then((t) => {
        if (t !== null) return run(t, f.name);
      }),
    [run, store],
  );
  const dragging = useFileDrop(readFile);

  const exportAs = async (choice: ExportChoice) => {
    try {
      if (choice === 'svg' || choice === 'png') {
        const p = await picture(store);
        if (choice === 'svg') saveFile({ name: `${p.name}.svg`, type: 'image/svg+xml', data: p.svg });
        else saveFile({ name: `${p.name}.png`, type: 'image/png', data: await svgToPng(p.svg, p.width, p.height) });
      } else saveFile(await exportYaml(store, client, choice));
    } catch (error) {
      store.setState({ error: `Could not export: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const unsupported = scenario?.unsupported ?? [];
  const missingOwners = scenario?.missingOwners ?? [];
  const unknownFields = scenario?.unknownFields ?? [];
  return (
    <>
      <div className="import-export" role="group" aria-label="Import and export">
        <button ref={opener} type="button" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))}>
          Import YAML
        </button>
        <ExportMenu disabled={!hasFrame} onChoose={(c) => void exportAs(c)} />
      </div>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog
            text={text}
            busy={busy}
            invalid={refused && alerting}
            onText={(t) => {
              setText(t);
              setRefused(false);
              setFile('pasted.yaml');
            }}
            onFile={readFile}
            onImport={() => void run(text, file)}
            onClose={close}
          />
        </Suspense>
      )}
      {((unsupported.length > 0 && dismissed !== scenario) ||
        (missingOwners.length > 0 && ownersDismissed !== scenario) ||
        (unknownFields.length > 0 && fieldsDismissed !== scenario)) && (
        <Suspense fallback={null}>
          <ImportNotices
            unsupported={unsupported}
            missingOwners={missingOwners}
            onDismissUnsupported={dismissed !== scenario ? () => setDismissed(scenario) : null}
            onDismissOwners={ownersDismissed !== scenario ? () => setOwnersDismissed(scenario) : null}
            unknownFields={unknownFields}
            unknownFieldCount={scenario?.unknownFieldCount}
            onDismissFields={fieldsDismissed !== scenario ? () => setFieldsDismissed(scenario) : null}
          />
        </Suspense>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a YAML or JSON file to import it
        </div>
      )}
    </>
  );
}

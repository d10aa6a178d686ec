import { useState, type FormEvent } from 'react';
import { dispatchCommand, settle, showError } from '../../store/actions';
import { usePodscapeRuntime, usePodscapeStore } from '../../store/podscape-store';
import { buildNodeManifest, NODE_TEMPLATES, nextWorkerName } from './node-manifest';
import { focusOnMount } from '../../components/focus-on-mount';

/** The form behind "Add node" (AddNodePanel.tsx loads it when first opened): registers a new machine through addNode. */
export function AddNodeForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { store, client } = usePodscapeRuntime();
  const nodes = usePodscapeStore((s) => s.frame?.nodes);
  const names = (nodes ?? []).map((n) => n.name);
  const zones = [...new Set((nodes ?? []).flatMap((n) => (n.zone ? [n.zone] : [])))].sort();
  const [templateId, setTemplateId] = useState('medium');
  const [name, setName] = useState(() => nextWorkerName(names));
  const [zone, setZone] = useState(zones[0] ?? 'zone-a');
  const [labels, setLabels] = useState('');
  const [taints, setTaints] = useState('');
  const zoneList = `${id}-zones`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const template = NODE_TEMPLATES.find((t) => t.id === templateId) ?? NODE_TEMPLATES[0];
    let object;
    try {
      object = buildNodeManifest({ template, name, zone, labels, taints });
    } catch (error) {
      showError(store, `Add node: ${(error as Error).message}`);
      return;
    }
    settle(
      dispatchCommand(store, client, { action: 'addNode', object }).then((result) => {
        if (result.ok) onDone();
      }),
    );
  };

  return (
    <form id={id} className="tool-form" aria-label="Add node" onSubmit={submit}>
      <label>
        Template
        <select ref={focusOnMount} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {NODE_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Node name
        <input value={name} onChange={(e) => setName(e.target.value)} required spellCheck={false} />
      </label>
      <label>
        Zone
        <input value={zone} onChange={(e) => setZone(e.target.value)} list={zoneList} spellCheck={false} />
        <datalist id={zoneList}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label>
        Labels
        <input value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="disktype=ssd, team=a" spellCheck={false} />
      </label>
      <label>
        Taints
        <input value={taints} onChange={(e) => setTaints(e.target.value)} placeholder="dedicated=ml:NoSchedule" spellCheck={false} />
      </label>
      <div className="tool-form-buttons">
        <button type="submit">Create node</button>
        <button type="button" onClick={onDone}>
          Cancel new node
        </button>
      </div>
    </form>
  );
}

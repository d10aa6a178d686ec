import { useState, type FormEvent } from 'react';
import type { KubeObject } from '../../../engine/model/types';
import { dispatchCommand, settle, showError } from '../../store/actions';
import { usePodscapeRuntime } from '../../store/podscape-store';
import { buildWorkloadManifest, CREATE_KINDS, DEFAULT_WORKLOAD, type CreateKind, type WorkloadInput } from './workload-manifest';
import { focusOnMount } from '../../components/focus-on-mount';

/** Create a Deployment, StatefulSet, DaemonSet, Job or Pod from a few fields, or open it as YAML. */
export function CreateWorkloadForm({ onDone, onEditYaml }: { onDone: () => void; onEditYaml: (object: KubeObject) => void }) {
  const { store, client } = usePodscapeRuntime();
  const [input, setInput] = useState<WorkloadInput>(DEFAULT_WORKLOAD);
  const set = <K extends keyof WorkloadInput>(key: K, value: WorkloadInput[K]) => setInput((prev) => ({ ...prev, [key]: value }));

  const build = (): KubeObject | null => {
    try {
      return buildWorkloadManifest(input);
    } catch (error) {
      showError(store, `Create ${input.kind}: ${(error as Error).message}`);
      return null;
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const object = build();
    if (!object) return;
    settle(
      dispatchCommand(store, client, { action: 'apply', object }).then((result) => {
        if (result.ok) onDone();
      }),
    );
  };
  const count = (key: 'replicas' | 'completions' | 'parallelism', label: string) => (
    <label>
      {label}
      <input type="number" min={0} max={1000} value={input[key]} onChange={(e) => set(key, Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
    </label>
  );
  const text = (key: 'name' | 'namespace' | 'image' | 'cpu' | 'memory' | 'nodeSelector' | 'tolerations', label: string, placeholder?: string) => (
    <label>
      {label}
      <input value={input[key]} placeholder={placeholder} spellCheck={false} onChange={(e) => set(key, e.target.value)} />
    </label>
  );

  return (
    <form className="tool-form" aria-label="Create workload" onSubmit={submit}>
      <label>
        Kind
        <select ref={focusOnMount} value={input.kind} onChange={(e) => set('kind', e.target.value as CreateKind)}>
          {CREATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {text('name', 'Workload name')}
      {text('namespace', 'Namespace')}
      {text('image', 'Image')}
      {input.kind === 'Deployment' || input.kind === 'StatefulSet' ? count('replicas', 'Replicas') : null}
      {input.kind === 'Job' ? count('completions', 'Completions') : null}
      {input.kind === 'Job' ? count('parallelism', 'Parallelism') : null}
      {text('cpu', 'CPU request', '250m')}
      {text('memory', 'Memory request', '256Mi')}
      {text('nodeSelector', 'Node selector', 'disktype=ssd')}
      {text('tolerations', 'Tolerations', 'key=value:NoSchedule')}
      <div className="tool-form-buttons">
        <button type="submit">Create {input.kind}</button>
        <button
          type="button"
          onClick={() => {
            const object = build();
            if (object) onEditYaml(object);
          }}
        >
          Edit as YAML
        </button>
        <button type="button" onClick={onDone}>
          Cancel new workload
        </button>
      </div>
    </form>
  );
}

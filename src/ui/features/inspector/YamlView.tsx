import { useEffect, useMemo, useState } from 'react';
import type * as Yaml from 'yaml';
import type { KubeObject } from '../../../engine/model/types';

type YamlModule = typeof Yaml;
let yamlModule: Promise<YamlModule> | null = null;
/** The `yaml` package loads on first use, keeping it out of the initial bundle. */
const loadYaml = () => (yamlModule ??= import('yaml'));

/** An object as `kubectl get -o yaml` prints it, in a scrollable, focusable block. */
export function YamlView({ object, label }: { object: KubeObject; label: string }) {
  const [yaml, setYaml] = useState<YamlModule | null>(null);
  useEffect(() => {
    let current = true;
    void loadYaml().then((m) => current && setYaml(m));
    return () => {
      current = false;
    };
  }, []);
  const text = useMemo(() => (yaml ? yaml.stringify(object, { lineWidth: 0 }) : 'Loading…'), [yaml, object]);
  return (
    <pre className="inspector-yaml" role="region" aria-label={label} tabIndex={0} data-yaml>
      <code>{text}</code>
    </pre>
  );
}

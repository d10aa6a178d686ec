/**
 * A session as a scenario file, for sessions whose link is too long to share: the
 * scenario text with the user's commands appended to the Scenario's `spec.timeline`
 * (`at` in milliseconds). Comments and the rest of the text are kept. Each entry has
 * `afterDueWork: true`: a live command ran after the work due at its instant, where a
 * plain timeline command runs before it, so without the flag a replay of the file could
 * differ from the session in such a tie.
 */
import { Document, isMap, parseAllDocuments, YAMLSeq } from 'yaml';
import type { TimedCommand } from '../../engine/commands';
import { SCENARIO_API_VERSION } from '../scenario';

export function scenarioWithTimeline(scenarioText: string, commands: readonly TimedCommand[]): string {
  if (commands.length === 0) return scenarioText;
  const parsed = parseAllDocuments(scenarioText);
  if (!Array.isArray(parsed)) return scenarioText; // an empty stream: nothing to add to
  const docs: Document[] = [...parsed];
  const isScenario = (d: Document) => isMap(d.contents) && d.get('kind') === 'Scenario' && d.get('apiVersion') === SCENARIO_API_VERSION;
  const entries = commands.map(({ at, ...command }) => ({ at: `${at}ms`, ...command, afterDueWork: true }));
  let doc = docs.find(isScenario);
  if (!doc) {
    doc = new Document({ apiVersion: SCENARIO_API_VERSION, kind: 'Scenario', metadata: { name: 'session' }, spec: {} });
    docs.unshift(doc);
  }
  const existing = doc.getIn(['spec', 'timeline']);
  if (existing instanceof YAMLSeq) for (const e of entries) existing.add(doc.createNode(e));
  else doc.setIn(['spec', 'timeline'], doc.createNode(entries));
  return docs.map((d) => d.toString()).join('---\n');
}

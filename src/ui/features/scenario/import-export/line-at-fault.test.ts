import { describe, expect, it } from 'vitest';
import { lineAtFault } from './ImportDialog';

describe('lineAtFault', () => {
  it('reads the line an import error names, and nothing from other errors', () => {
    expect(lineAtFault('Could not import pasted.yaml: document 9, line 48, column 37: spec.containers[0].resources.requests.cpu: Invalid value')).toBe(48);
    expect(lineAtFault('Could not import pasted.yaml: document 1 (items[2]), line 5, column 1: YAML syntax error')).toBe(5);
    expect(lineAtFault('Could not open the share link: its data is damaged')).toBeNull();
    expect(lineAtFault(null)).toBeNull();
  });
});

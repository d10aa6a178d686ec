import type { NodeEditState } from './NodeEditForms';

/** The taint and label forms, empty (NodeEdit keeps their state so closing them keeps what was typed). */
export const INITIAL_NODE_EDIT_STATE: NodeEditState = { text: { taint: '', label: '' }, overwrite: false, error: null, said: null };

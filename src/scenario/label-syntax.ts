/**
 * apimachinery's checks of a label key (IsQualifiedName, also a taint key) and a label value
 * (IsValidLabelValue), with upstream's messages: the engine's own, for the page's forms
 * (src/ui may not import the engine's code, only its types).
 */
export { isQualifiedName, isValidLabelValue } from '../engine/scheduler/plugins/helpers/args-validation';

// The probe defaults the kubelet uses, for the inspector's kubectl describe lines (the UI reaches engine code only through src/scenario).
export { probeTimings, type ProbeTimings } from '../engine/kubelet/probe-defaults';

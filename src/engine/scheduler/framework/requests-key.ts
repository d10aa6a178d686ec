// Moved to model/ (shared with the kubelet's parsed-requests cache, model/pod-requests-cache.ts).
export { requestsKey } from '../../model/requests-key';

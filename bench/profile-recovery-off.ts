/**
 * profile-recovery.ts with branch inf10's informer shortcuts (RERECORD_IN_PLACE, POSTING_REFS, POSTINGS_BY_SET)
 * turned off, for a profile to set against one with them on (same arguments).
 *
 *   npx tsx bench/profile-recovery-off.ts [nodes] [kills] [--warm W] [--no-inline] [--out F]
 */
import { POSTING_REFS, POSTINGS_BY_SET } from '../src/engine/scheduler/framework/label-index';
import { RERECORD_IN_PLACE } from '../src/engine/scheduler/informers';

RERECORD_IN_PLACE.enabled = false;
POSTING_REFS.enabled = false;
POSTINGS_BY_SET.enabled = false;
await import('./profile-recovery');

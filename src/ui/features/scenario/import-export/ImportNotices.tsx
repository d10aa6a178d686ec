import type { MissingOwner } from '../../../../protocol/engine-api';
import type { UnsupportedKind } from '../../../../scenario/import/import';
import { MissingOwnersNotice } from './MissingOwnersNotice';
import { UnsupportedNotice } from './UnsupportedNotice';

/**
 * What an import kept without simulating and the owners it left out: loaded lazily by
 * ImportExport (only an import of such objects shows them; the first load's JavaScript has a budget).
 */
export default function ImportNotices({
  unsupported,
  missingOwners,
  onDismissUnsupported,
  onDismissOwners,
}: {
  unsupported: readonly UnsupportedKind[];
  missingOwners: readonly MissingOwner[];
  onDismissUnsupported: (() => void) | null;
  onDismissOwners: (() => void) | null;
}) {
  return (
    <>
      {onDismissUnsupported && unsupported.length > 0 && <UnsupportedNotice kinds={unsupported} onDismiss={onDismissUnsupported} />}
      {onDismissOwners && missingOwners.length > 0 && <MissingOwnersNotice owners={missingOwners} onDismiss={onDismissOwners} />}
    </>
  );
}

import type { MissingOwner, UnknownFieldNote } from '../../../../protocol/engine-api';
import type { UnsupportedKind } from '../../../../scenario/import/import';
import { MissingOwnersNotice } from './MissingOwnersNotice';
import { UnknownFieldsNotice } from './UnknownFieldsNotice';
import { UnsupportedNotice } from './UnsupportedNotice';

/**
 * What an import kept without simulating, the fields a real cluster would refuse, and the owners it left out: loaded lazily by
 * ImportExport (only an import of such objects shows them; the first load's JavaScript has a budget).
 */
export default function ImportNotices({
  unsupported,
  missingOwners,
  unknownFields,
  unknownFieldCount,
  onDismissUnsupported,
  onDismissOwners,
  onDismissFields,
}: {
  unsupported: readonly UnsupportedKind[];
  missingOwners: readonly MissingOwner[];
  onDismissUnsupported: (() => void) | null;
  onDismissOwners: (() => void) | null;
  unknownFields: readonly UnknownFieldNote[];
  /** All the unknown fields, when there are more than unknownFields lists. */
  unknownFieldCount?: number;
  onDismissFields: (() => void) | null;
}) {
  return (
    <>
      {onDismissFields && unknownFields.length > 0 && <UnknownFieldsNotice fields={unknownFields} total={unknownFieldCount} onDismiss={onDismissFields} />}
      {onDismissUnsupported && unsupported.length > 0 && <UnsupportedNotice kinds={unsupported} onDismiss={onDismissUnsupported} />}
      {onDismissOwners && missingOwners.length > 0 && <MissingOwnersNotice owners={missingOwners} onDismiss={onDismissOwners} />}
    </>
  );
}

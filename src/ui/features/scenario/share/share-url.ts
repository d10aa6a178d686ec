/** Share URLs: the page's own address with the session in the fragment. */
import { loadSessionCodec } from '../session/load-codec';
import type { SessionExport } from '../../../../protocol/engine-api';
import type { LessonProgress, Selection } from '../../../store/podscape-store';

/** What fits in a chat message, a QR code or an old browser's address bar (DESIGN.md budgets). */
export const SHARE_URL_BUDGET = 2048;

export async function shareUrl(pageUrl: string, session: SessionExport, selected: Selection | null, lesson: LessonProgress | null = null): Promise<string> {
  const { encodeSession } = await loadSessionCodec();
  return `${pageUrl.split('#')[0]}#${encodeSession(session, selected, lesson && { id: lesson.id, step: lesson.step })}`;
}

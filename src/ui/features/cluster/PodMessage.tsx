import { useId, useState } from 'react';

/** Past this many characters a message is shown on two lines with a control to see it whole. */
export const LONG_MESSAGE = 90;

/**
 * Why a pod is still pending: upstream's FailedScheduling text, which with preemption's
 * part runs to some 250 characters (six lines in a 19rem card). On screen it is clamped
 * to two lines with a button that shows it whole; the whole text stays in the DOM, so a
 * screen reader, a search or a copy always has all of it.
 */
export function PodMessage({ message }: { message: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = message.length > LONG_MESSAGE;
  return (
    <>
      <p id={id} className="pod-message" data-pod-message {...(long && !open ? { 'data-clamped': 'true' } : {})}>
        {message}
      </p>
      {long && (
        <button type="button" className="pod-message-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          Show the full message
        </button>
      )}
    </>
  );
}

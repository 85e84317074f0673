import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Heading } from 'suomifi-ui-components';

const FOCUSABLE = 'button:not([disabled]), select:not([disabled]), input:not([disabled]), textarea:not([disabled]), a[href]';

/**
 * A modal dialog: labelled by its title, focus moves into it on open and back to the opener on close,
 * Tab stays inside, Escape closes. Small on purpose; the rotation's dialogs are short forms.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; description?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? ref.current)?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      style={{
        position: 'fixed',
        inset: 0,
        background: 'rgba(0, 0, 0, 0.45)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        zIndex: 400,
        padding: 16,
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        {...(props.description ? { 'aria-describedby': descriptionId } : {})}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className="panel"
        style={{ width: 'min(560px, 100%)', maxHeight: '90vh', overflowY: 'auto', margin: 0 }}
      >
        <Heading variant="h2" id={titleId}>
          {props.title}
        </Heading>
        {props.description && (
          <p id={descriptionId} style={{ marginTop: 8 }}>
            {props.description}
          </p>
        )}
        {props.children}
      </div>
    </div>,
    document.body,
  );
}

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useGlossary } from '../app/glossary';
import { href } from '../app/router';
import { contentAttributes } from '../i18n/languages';

/**
 * A word linked to the glossary: activating it shows the definition in place,
 * so the reader does not lose their page. Escape or a second click closes it.
 */
export function GlossaryRef({ termId, children }: { termId: string; children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const entry = useGlossary().get(termId);
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!entry) return <a href={href('glossary', termId)}>{children}</a>;
  return (
    <span className="glossary-ref">
      <button ref={button} type="button" className="glossary-term" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {children}
      </button>
      {open ? (
        <span id={id} role="note" className="glossary-card" {...contentAttributes(entry.language)}>
          <strong>{entry.term}</strong> {entry.definition}
          {entry.source ? <span className="muted"> ({entry.source})</span> : null}{' '}
          <a href={href('glossary', termId)}>{t('glossary.openEntry')}</a>
        </span>
      ) : null}
    </span>
  );
}

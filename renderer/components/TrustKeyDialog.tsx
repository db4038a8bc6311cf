import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustedKeyInfo } from '../../core/host';
import { host } from '../host';

/**
 * Trusting a publisher: read their public key file, show its fingerprint to
 * compare with the one the publisher gave by another channel, then confirm.
 */
export function TrustKeyDialog({ expectedKeyId, onClose }: { expectedKeyId: string; onClose: (trusted: boolean) => void }): ReactNode {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState<string | null>(null);
  const [key, setKey] = useState<TrustedKeyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const read = async (file: File | undefined): Promise<void> => {
    setError(null);
    setKey(null);
    if (!file) return;
    const content = await file.text();
    try {
      const info = await host.describeKey(content);
      setText(content);
      setKey(info);
      if (expectedKeyId && info.keyId !== expectedKeyId) setError(t('trust.otherKey', { expected: expectedKeyId, found: info.keyId }));
    } catch {
      setError(t('trust.notAKey'));
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="trust-title" onCancel={(e) => (e.preventDefault(), onClose(false))}>
      <h2 id="trust-title">{t('trust.title')}</h2>
      <p>{t('trust.intro', { keyId: expectedKeyId })}</p>
      <label htmlFor="key-file">{t('trust.chooseFile')}</label>
      <input id="key-file" type="file" accept=".pub,text/plain" onChange={(e) => void read(e.target.files?.[0])} />
      {key ? (
        <div className="fingerprint">
          <p>{t('trust.compare')}</p>
          <code dir="ltr">{key.fingerprint}</code>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!key || !text || error !== null}
          onClick={() => {
            if (text) void host.trustKey(text).then(() => onClose(true), () => setError(t('trust.notAKey')));
          }}
        >
          {t('trust.confirm')}
        </button>
      </div>
    </dialog>
  );
}

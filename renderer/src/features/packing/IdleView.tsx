import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePackError } from '../../stores/packing-store';
import type { PackController } from './controller';

export function IdleView(props: { controller: PackController }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const error = usePackError();
  return (
    <section className="pack-center" data-testid="pack-idle">
      <h1 className="pack-big-title">{t('packing.idleTitle')}</h1>
      <p className="pack-hint">{t('packing.idleHint')}</p>
      <form
        className="pack-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const c = code.trim();
          if (!c) return;
          void props.controller.openByCode(c).then((found) => setMissing(found ? null : c));
        }}
      >
        <input
          className="pack-input mono"
          aria-label={t('packing.orderIdLabel')}
          placeholder={t('packing.orderIdLabel')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="big-button">
          {t('packing.open')}
        </button>
      </form>
      {missing ? (
        <p className="error-text pack-big-text">{t('packing.notFound', { code: missing })}</p>
      ) : null}
      {error ? <p className="error-text">{error}</p> : null}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackController } from './controller';

/** The packer signs in with a name, or by scanning a badge (routed here by the scanner listener). */
export function SignIn(props: { controller: PackController }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  return (
    <section className="pack-center" data-testid="pack-sign-in">
      <h1 className="pack-big-title">{t('packing.signIn.title')}</h1>
      <p className="pack-hint">{t('packing.signIn.hint')}</p>
      <form
        className="pack-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.controller.signIn(name, null);
        }}
      >
        <input
          className="pack-input"
          aria-label={t('packing.signIn.name')}
          placeholder={t('packing.signIn.name')}
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="big-button big-button--primary">
          {t('packing.signIn.submit')}
        </button>
      </form>
    </section>
  );
}

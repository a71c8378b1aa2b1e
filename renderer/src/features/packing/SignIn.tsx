import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackController } from './controller';

/**
 * A name field and a sign-in button (a badge scan reaches `controller.signIn` through the scanner
 * listener instead). Used by the pack screen and by the queue's batch confirm.
 */
export function SignInForm(props: {
  controller: Pick<PackController, 'signIn'>;
  className: string;
  inputClassName: string;
  label: string;
  submit: string;
  children?: ReactNode;
}) {
  const [name, setName] = useState('');
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        props.controller.signIn(name, null);
      }}
    >
      {props.children}
      <input
        className={props.inputClassName}
        aria-label={props.label}
        placeholder={props.label}
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="big-button big-button--primary">
        {props.submit}
      </button>
    </form>
  );
}

/** The packer signs in with a name, or by scanning a badge (routed here by the scanner listener). */
export function SignIn(props: { controller: PackController }) {
  const { t } = useTranslation();
  return (
    <section className="pack-center" data-testid="pack-sign-in">
      <h1 className="pack-big-title">{t('packing.signIn.title')}</h1>
      <p className="pack-hint">{t('packing.signIn.hint')}</p>
      <SignInForm
        controller={props.controller}
        className="pack-inline-form"
        inputClassName="pack-input"
        label={t('packing.signIn.name')}
        submit={t('packing.signIn.submit')}
      />
    </section>
  );
}

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_ANSWERS, type Answer, type TemplateField } from '../../core/content/template';
import { selected } from '../../core/assessment/score';

interface Props {
  readonly field: TemplateField;
  readonly answer: Answer | undefined;
  readonly scale: readonly string[];
  readonly onChange: (answer: Answer) => void;
}

/** One question of a template, as the control its type calls for. */
export function TemplateFieldInput({ field, answer, scale, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const helpId = field.help ? `${id}-help` : undefined;
  const label = (
    <>
      {field.label}
      {field.required ? <span className="required"> ({t('templates.required')})</span> : null}
    </>
  );
  const help = field.help ? (
    <span id={helpId} className="help">
      {field.help}
    </span>
  ) : null;
  const text = typeof answer === 'string' ? answer : '';

  if (field.type === 'text' || field.type === 'longtext' || field.type === 'date') {
    const common = { id, value: text, 'aria-describedby': helpId, required: field.required, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
    return (
      <div className="field template-field">
        <label htmlFor={id}>{label}</label>
        {help}
        {field.type === 'longtext' ? <textarea rows={4} maxLength={20_000} {...common} /> : <input type={field.type === 'date' ? 'date' : 'text'} maxLength={2000} {...common} />}
      </div>
    );
  }

  const choices: { id: string; text: string }[] =
    field.type === 'scale'
      ? scale.map((s, i) => ({ id: String(i), text: s }))
      : field.type === 'check'
        ? CHECK_ANSWERS.map((c) => ({ id: c, text: t(`templates.check.${c}`) }))
        : field.options.map((o) => ({ id: o.id, text: o.text }));
  const multiple = field.type === 'multiple';
  const chosen = new Set(selected(answer));
  const toggle = (optionId: string, on: boolean): void => {
    if (!multiple) return onChange(optionId);
    const next = field.options.map((o) => o.id).filter((o) => (o === optionId ? on : chosen.has(o)));
    onChange(next);
  };
  return (
    <fieldset className={`field template-field choices choices-${field.type}`} aria-describedby={helpId}>
      <legend>{label}</legend>
      {help}
      {choices.map((c) => (
        <label key={c.id} className="choice">
          <input type={multiple ? 'checkbox' : 'radio'} name={id} value={c.id} checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
          <span>{c.text}</span>
        </label>
      ))}
      {multiple ? <span className="help">{t('templates.chooseAll')}</span> : null}
    </fieldset>
  );
}

import { useState } from 'react';
import { reasonBodySchema } from '@huijia/shared';
import { checkForm } from '../../utils/form';
import { Sheet } from '../wish/Sheet';
import { TextAreaField } from '../wish/TextAreaField';

interface ReasonSheetProps {
  title: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  busy: boolean;
  /** Called with the trimmed reason, never empty. */
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** An action that needs a reason the other person will read (移出岗位, 核实不通过). */
export function ReasonSheet({ title, label, placeholder, submitLabel, busy, onSubmit, onClose }: ReasonSheetProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    const checked = checkForm(reasonBodySchema, { reason });
    if (!checked.ok) return setError(checked.errors.reason);
    onSubmit(checked.data.reason);
  };
  return (
    <Sheet title={title} submitLabel={submitLabel} busy={busy} onSubmit={submit} onClose={onClose}>
      <TextAreaField
        label={label}
        name='reason'
        value={reason}
        placeholder={placeholder}
        maxlength={500}
        error={error}
        disabled={busy}
        onInput={(value) => {
          setReason(value);
          setError(undefined);
        }}
      />
    </Sheet>
  );
}

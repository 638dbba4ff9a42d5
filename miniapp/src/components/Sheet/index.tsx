import { ScrollView, Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { reasonBodySchema } from '@huijia/shared';
import { checkForm, type Validator } from '../../utils/form';
import { aria } from '../../utils/a11y';
import { ActionButton } from '../ActionButton';
import { TextAreaField } from '../wish/TextAreaField';
// The sheet's styles stand with the wish pages, where it first stood.
import '../wish/wish.css';

interface SheetProps {
  title: string;
  children: ReactNode;
  onClose: () => void;
  /** A request it started is running: it cannot be closed, nor sent twice. */
  busy?: boolean;
  /** The confirming button's label (提交, 确认…); with it comes 取消. Without, the children hold the buttons. */
  submitLabel?: string;
  onSubmit?: () => void;
  submitDisabled?: boolean;
}

/** A panel that slides up over the page: what an action needs, 取消 and the action itself. */
export function Sheet({ title, children, onClose, busy = false, submitLabel, onSubmit, submitDisabled = false }: SheetProps) {
  return (
    <View className='wish-sheet' catchMove>
      <View className='wish-sheet__mask' onClick={busy ? undefined : onClose} />
      <View className='wish-sheet__panel' {...aria({ role: 'dialog', 'aria-label': title })}>
        <Text className='wish-sheet__title'>{title}</Text>
        {/* The sheet stops the page under it from scrolling (catchMove); its own body scrolls. */}
        <ScrollView className='wish-sheet__body' scrollY>
          {children}
        </ScrollView>
        {submitLabel && onSubmit && (
          <View className='wish-sheet__actions'>
            <ActionButton variant='quiet' className='wish-sheet__action' disabled={busy} onClick={onClose}>
              取消
            </ActionButton>
            <ActionButton className='wish-sheet__action' busy={busy} disabled={submitDisabled} onClick={onSubmit}>
              {submitLabel}
            </ActionButton>
          </View>
        )}
      </View>
    </View>
  );
}

interface ReasonSheetProps {
  title: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  busy: boolean;
  /** What the step does that cannot be undone, said above the reason (离开名册 ends a report). */
  warning?: string;
  /** The route's own rule for the reason, when it is not the common one (1 to 500 characters). */
  schema?: Validator<{ reason: string }>;
  maxlength?: number;
  /** Called with the trimmed reason, never empty. */
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** An action that needs a reason the other person will read (审核不通过, 移出岗位, 核实不通过). */
export function ReasonSheet({ title, label, placeholder, submitLabel, busy, warning, schema = reasonBodySchema, maxlength = 500, onSubmit, onClose }: ReasonSheetProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    const checked = checkForm(schema, { reason });
    if (!checked.ok) return setError(checked.errors.reason);
    onSubmit(checked.data.reason);
  };
  return (
    <Sheet title={title} submitLabel={submitLabel} busy={busy} onSubmit={submit} onClose={onClose}>
      {warning && <Text className='wish-sheet__warning'>{warning}</Text>}
      <TextAreaField
        label={label}
        name='reason'
        value={reason}
        placeholder={placeholder}
        maxlength={maxlength}
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

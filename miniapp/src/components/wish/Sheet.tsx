import { ScrollView, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '../ActionButton';
import './wish.css';

interface SheetProps {
  title: string;
  children: ReactNode;
  /** The confirming button's label (提交, 确认…). */
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** The request it started is running: nothing can be closed or sent twice. */
  busy: boolean;
  submitDisabled?: boolean;
}

/** A form that slides up over the page: the input an action needs, 取消 and the action itself. */
export function Sheet({
  title,
  children,
  submitLabel,
  onSubmit,
  onClose,
  busy,
  submitDisabled = false,
}: SheetProps) {
  return (
    <View className='wish-sheet' catchMove>
      <View className='wish-sheet__mask' onClick={busy ? undefined : onClose} />
      <View className='wish-sheet__panel'>
        <Text className='wish-sheet__title'>{title}</Text>
        {/* The sheet stops the page under it from scrolling (catchMove); its own body scrolls. */}
        <ScrollView className='wish-sheet__body' scrollY>
          {children}
        </ScrollView>
        <View className='wish-sheet__actions'>
          <ActionButton variant='quiet' className='wish-sheet__action' disabled={busy} onClick={onClose}>
            取消
          </ActionButton>
          <ActionButton
            className='wish-sheet__action'
            busy={busy}
            disabled={submitDisabled}
            onClick={onSubmit}
          >
            {submitLabel}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}

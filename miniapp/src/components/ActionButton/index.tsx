import { Button } from '@tarojs/components';
import { buttonAria } from '../../utils/a11y';

export type ButtonVariant = 'primary' | 'plain' | 'quiet' | 'wechat';

interface ActionButtonProps {
  /** The label: short and plain (登录, 注册, 保存), as people and browser tests look for it. */
  children: string;
  onClick: () => void;
  variant?: ButtonVariant;
  small?: boolean;
  disabled?: boolean;
  /** A request it started is running: shows a spinner and refuses further taps. */
  busy?: boolean;
  className?: string;
}

/** Taro's Button with the app's look, no press flash, and a button role on h5. */
export function ActionButton({
  children,
  onClick,
  variant = 'primary',
  small = false,
  disabled = false,
  busy = false,
  className,
}: ActionButtonProps) {
  const off = disabled || busy;
  // A class, not [disabled]: on h5 the attribute is present as disabled="false" too.
  const classes = [
    'btn',
    `btn--${variant}`,
    small ? 'btn--small' : '',
    off ? 'btn--off' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Button
      className={classes}
      hoverClass='none'
      disabled={off}
      // On h5 the custom element inserts its spinner beside the label React manages and the two
      // fight over the DOM (insertBefore errors): there a busy button is only dimmed.
      loading={busy && process.env.TARO_ENV !== 'h5'}
      onClick={() => {
        if (!off) onClick();
      }}
      {...buttonAria(off)}
    >
      {children}
    </Button>
  );
}

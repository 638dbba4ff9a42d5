import { fireEvent, render, screen } from '@testing-library/react';
import { View } from '@tarojs/components';
import { buttonAria, control, pressWithKeys } from '../../src/utils/a11y';

pressWithKeys(document);

describe('controls for keyboards and screen readers (h5)', () => {
  it('gives a tappable view its role, its states and a place in the Tab order', () => {
    expect(control('switch', { 'aria-checked': true, 'aria-label': '长辈模式' })).toEqual({
      role: 'switch',
      tabIndex: 0,
      'aria-checked': 'true',
      'aria-label': '长辈模式',
    });
    // A disabled control is skipped by Tab.
    expect(buttonAria(true)).toEqual({ role: 'button', tabIndex: -1, 'aria-disabled': 'true' });
  });

  it('presses the focused control with Enter or Space, and not a disabled one nor plain text', () => {
    const pressed = jest.fn();
    const refused = jest.fn();
    const text = jest.fn();
    render(
      <>
        <View onClick={pressed} {...buttonAria()}>
          发布
        </View>
        <View onClick={refused} {...buttonAria(true)}>
          提交
        </View>
        <View onClick={text}>说明</View>
      </>,
    );
    const button = screen.getByRole('button', { name: '发布' });
    expect(button).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.keyDown(button, { key: ' ' });
    fireEvent.keyDown(button, { key: 'a' });
    expect(pressed).toHaveBeenCalledTimes(2);

    fireEvent.keyDown(screen.getByRole('button', { name: '提交' }), { key: 'Enter' });
    fireEvent.keyDown(screen.getByText('说明'), { key: 'Enter' });
    expect(refused).not.toHaveBeenCalled();
    expect(text).not.toHaveBeenCalled();
  });
});

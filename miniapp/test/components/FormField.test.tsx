import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import { FormField } from '../../src/components/FormField';
import { typeInto } from '../support/helpers';

function PhoneField({ error, onInput }: { error?: string; onInput?: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <FormField
      label='手机号'
      name='phone'
      kind='phone'
      value={value}
      placeholder='请输入手机号'
      hint='用于登录和接收通知'
      maxlength={11}
      error={error}
      onInput={(next) => {
        setValue(next);
        onInput?.(next);
      }}
    />
  );
}

describe('FormField', () => {
  it('is an input named by its label, passing on what is typed', () => {
    const onInput = jest.fn();
    render(<PhoneField onInput={onInput} />);
    const input = screen.getByRole('textbox', { name: '手机号' });
    typeInto(input, '13900000201');
    expect(onInput).toHaveBeenLastCalledWith('13900000201');
    expect(input).toHaveValue('13900000201');
    expect(input).toHaveAttribute('placeholder', '请输入手机号');
  });

  it('offers the numeric keyboard and phone autofill for a phone', () => {
    render(<PhoneField />);
    const input = screen.getByRole('textbox', { name: '手机号' });
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAttribute('autocomplete', 'tel');
  });

  it('shows its hint while nothing is wrong', () => {
    render(<PhoneField />);
    expect(screen.getByText('用于登录和接收通知')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '手机号' })).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows the error in place of the hint, and marks the input invalid', () => {
    render(<PhoneField error='请输入有效的手机号' />);
    expect(screen.getByText('请输入有效的手机号')).toBeInTheDocument();
    expect(screen.queryByText('用于登录和接收通知')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '手机号' })).toHaveAttribute('aria-invalid', 'true');
  });
});

import { fireEvent, render, screen } from '@testing-library/react';
import { ActionButton } from '../../src/components/ActionButton';

describe('ActionButton', () => {
  it('calls onClick when tapped', () => {
    const onClick = jest.fn();
    render(<ActionButton onClick={onClick}>保存</ActionButton>);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('refuses taps while disabled, and says so to screen readers', () => {
    const onClick = jest.fn();
    render(
      <ActionButton disabled onClick={onClick}>
        保存
      </ActionButton>,
    );
    const button = screen.getByRole('button', { name: '保存' });
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-disabled', 'true');
  });

  it('refuses taps while its request runs (busy), and takes them again once it is done', () => {
    const onClick = jest.fn();
    const { rerender } = render(
      <ActionButton busy onClick={onClick}>
        提交
      </ActionButton>,
    );
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(onClick).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '提交' })).toBeDisabled();

    rerender(<ActionButton onClick={onClick}>提交</ActionButton>);
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

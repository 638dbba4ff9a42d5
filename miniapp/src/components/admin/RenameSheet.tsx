import { useState } from 'react';
import { type Validator, checkForm } from '../../utils/form';
import { FormField } from '../FormField';
import { Sheet } from '../Sheet';
import { ErrorNote, useSubmit } from './ui';

interface RenameSheetProps<T> {
  /** The name it has now: in the title, and filled in to be edited. */
  current: string;
  label: string;
  placeholder: string;
  /** The field's name (its form id). */
  field: string;
  /** The route's body: a name, with its own words for what is wrong. */
  schema: Validator<{ name: string }>;
  rename: (name: string) => Promise<T>;
  onDone: (renamed: T) => void;
  onClose: () => void;
}

/** 重命名 of something an admin keeps (a node of the tree, a unit): the name, checked, then sent. */
export function RenameSheet<T>({ current, label, placeholder, field, schema, rename, onDone, onClose }: RenameSheetProps<T>) {
  const [name, setName] = useState(current);
  const [nameError, setNameError] = useState<string>();
  const { busy, error, submit } = useSubmit();
  const send = () => {
    const checked = checkForm(schema, { name });
    if (!checked.ok) return setNameError(checked.errors.name);
    void submit(async () => onDone(await rename(checked.data.name)));
  };
  return (
    <Sheet title={`重命名「${current}」`} submitLabel='保存' busy={busy} onSubmit={send} onClose={onClose}>
      <ErrorNote message={error} />
      <FormField
        label={label}
        name={field}
        value={name}
        placeholder={placeholder}
        maxlength={60}
        error={nameError}
        disabled={busy}
        onInput={(value) => {
          setName(value);
          setNameError(undefined);
        }}
        onConfirm={send}
      />
    </Sheet>
  );
}

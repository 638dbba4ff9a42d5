import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { updateMeBodySchema } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { FormField } from '../../components/FormField';
import { checkForm } from '../../utils/form';
import { type SaveMe, trySave } from './save';

interface ProfileProps {
  name: string;
  phone: string | null;
  onSave: SaveMe;
}

/** Name (editable: an account made by WeChat sign-in may have none yet) and phone. */
export function Profile({ name, phone, onSave }: ProfileProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (draft === null) return;
    const checked = checkForm(updateMeBodySchema, { name: draft });
    if (!checked.ok) {
      setError(checked.errors.name);
      return;
    }
    setSaving(true);
    if (await trySave(() => onSave(checked.data))) setDraft(null);
    setSaving(false);
  };

  return (
    <View className='card'>
      <Text className='card__title'>个人信息</Text>
      {draft === null ? (
        <View className='me-row'>
          <Text className='me-row__label'>姓名</Text>
          <View className='me-row__end'>
            <Text className='me-row__value me-name'>{name || '未填写'}</Text>
            <ActionButton variant='plain' small onClick={() => setDraft(name)}>
              修改
            </ActionButton>
          </View>
        </View>
      ) : (
        <View className='me-edit'>
          <FormField
            label='姓名'
            name='name'
            kind='name'
            value={draft}
            placeholder='请输入姓名'
            maxlength={30}
            error={error}
            onInput={(value) => {
              setDraft(value);
              setError(undefined);
            }}
            onConfirm={save}
          />
          <View className='me-actions'>
            <ActionButton variant='quiet' disabled={saving} onClick={() => setDraft(null)}>
              取消
            </ActionButton>
            <ActionButton busy={saving} onClick={save}>
              保存
            </ActionButton>
          </View>
        </View>
      )}
      <View className='me-row'>
        <Text className='me-row__label'>手机号</Text>
        <Text className='me-row__value me-phone'>{phone ?? '未绑定'}</Text>
      </View>
    </View>
  );
}

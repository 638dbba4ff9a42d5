import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PIONEER_ROLE_LABELS, PIONEER_ROLES, type PioneerRole } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { checkboxAria } from '../../utils/a11y';
import { type SaveMe, trySave } from './save';

interface PioneerRolesProps {
  chosen: readonly PioneerRole[];
  onSave: SaveMe;
}

const sameRoles = (a: readonly PioneerRole[], b: readonly PioneerRole[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/** 五个先锋: the roles the user serves in, one or more; posts and wishes carry one. */
export function PioneerRoles({ chosen, onSave }: PioneerRolesProps) {
  const [selection, setSelection] = useState<PioneerRole[]>([...chosen]);
  const [saving, setSaving] = useState(false);

  // A reload of the profile (the page shown again) brings the saved choice.
  const chosenKey = chosen.join(',');
  useEffect(() => {
    setSelection([...chosen]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the saved roles by value, not each new array holding them
  }, [chosenKey]);

  const toggle = (role: PioneerRole) =>
    setSelection((current) =>
      current.includes(role) ? current.filter((r) => r !== role) : [...current, role],
    );

  const save = async () => {
    setSaving(true);
    // In the fixed order of the five, whatever order they were tapped in.
    const pioneerRoles = PIONEER_ROLES.filter((role) => selection.includes(role));
    await trySave(() => onSave({ pioneerRoles }));
    setSaving(false);
  };

  return (
    <View className='card'>
      <Text className='card__title'>先锋角色</Text>
      <Text className='card__hint'>可选多个，认领岗位和心愿时使用</Text>
      <View className='me-chips'>
        {PIONEER_ROLES.map((role) => {
          const on = selection.includes(role);
          return (
            <View
              key={role}
              className={`me-chip${on ? ' me-chip--on' : ''}`}
              onClick={() => toggle(role)}
              {...checkboxAria(on)}
            >
              <Text>{PIONEER_ROLE_LABELS[role]}</Text>
            </View>
          );
        })}
      </View>
      <ActionButton
        className='me-chips__save'
        disabled={sameRoles(selection, chosen)}
        busy={saving}
        onClick={save}
      >
        保存
      </ActionButton>
    </View>
  );
}

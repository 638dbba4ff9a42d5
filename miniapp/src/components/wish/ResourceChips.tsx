import { Text, View } from '@tarojs/components';
import { AGREEMENT_RESOURCE_LABELS, AGREEMENT_RESOURCES, type AgreementResource } from '@huijia/shared';
import { aria, checkboxAria } from '../../utils/a11y';
import './wish.css';

interface ResourceChipsProps {
  /** Names the group (单位投入, 所需资源); the field's label adds （可多选）. */
  label: string;
  value: AgreementResource[];
  disabled: boolean;
  error?: string;
  onChange: (value: AgreementResource[]) => void;
}

/** The 共建 resources (people, skills, goods, funds, space), any of them: a checkbox group of chips, kept in their order. */
export function ResourceChips({ label, value, disabled, error, onChange }: ResourceChipsProps) {
  const toggle = (resource: AgreementResource) =>
    onChange(value.includes(resource) ? value.filter((r) => r !== resource) : AGREEMENT_RESOURCES.filter((r) => r === resource || value.includes(r)));
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{`${label}（可多选）`}</Text>
      <View className='wish-chips' {...aria({ role: 'group', 'aria-label': label })}>
        {AGREEMENT_RESOURCES.map((resource) => {
          const on = value.includes(resource);
          return (
            <View
              key={resource}
              className={`wish-chip${on ? ' wish-chip--on' : ''}`}
              onClick={disabled ? undefined : () => toggle(resource)}
              {...checkboxAria(on)}
            >
              <Text>{AGREEMENT_RESOURCE_LABELS[resource]}</Text>
            </View>
          );
        })}
      </View>
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  );
}

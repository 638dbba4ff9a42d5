import { Text, View } from '@tarojs/components';
import { REPORT_BASIS_LABELS, type ReportBasis, type ReportOptions } from '@huijia/shared';
import { control } from '../../utils/a11y';

export interface Choice {
  communityId: string;
  name: string;
  basis: ReportBasis;
  /** What the choice rests on, in a line. */
  because: string;
}

export function choicesOf(options: ReportOptions): Choice[] {
  if (options.residence) {
    return [
      {
        communityId: options.residence.id,
        name: options.residence.name,
        basis: 'residence',
        because: '您登记的居住社区',
      },
    ];
  }
  return options.pairedUnit.map((paired) => ({
    communityId: paired.id,
    name: paired.name,
    basis: 'paired_unit',
    because: `${paired.unitName}的结对社区`,
  }));
}

/** One of a few choices, as a radio row: a name, a line under it, and 已选 when it is the one. */
export function RadioChoice({ on, name, because, onPick }: { on: boolean; name: string; because?: string; onPick: () => void }) {
  return (
    <View className={`report-choice${on ? ' report-choice--on' : ''}`} onClick={onPick} {...control('radio', { 'aria-checked': on })}>
      <View className='report-choice__text'>
        <Text className='report-choice__name'>{name}</Text>
        {because && <Text className='report-choice__because'>{because}</Text>}
      </View>
      <Text className='report-choice__mark'>{on ? '已选' : ''}</Text>
    </View>
  );
}

/** Where to report, each with what the choice rests on. */
export function CommunityChoices({ choices, chosenId, onPick }: { choices: Choice[]; chosenId: string | undefined; onPick: (id: string) => void }) {
  return (
    <>
      {choices.map((choice) => (
        <RadioChoice
          key={choice.communityId}
          on={chosenId === choice.communityId}
          name={choice.name}
          because={`${REPORT_BASIS_LABELS[choice.basis]} · ${choice.because}`}
          onPick={() => onPick(choice.communityId)}
        />
      ))}
    </>
  );
}

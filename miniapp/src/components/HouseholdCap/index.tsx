import { Text } from '@tarojs/components';
import { useState } from 'react';
import { type Household, updateHouseholdBodySchema } from '@huijia/shared';
import { useAction } from '../../hooks/useAction';
import { useRemote } from '../../hooks/useRemote';
import { ApiError } from '../../services/api';
import { getCommunitySettings, setHouseholdCap } from '../../services/settings';
import { toastDone } from '../../utils/toast';
import { checkForm } from '../../utils/form';
import { FormField } from '../FormField';
import { Sheet } from '../Sheet';

/**
 * A refusal the sheet says under its field rather than in a dialog: the number itself is wrong as
 * things stand (below the members paired now, HOUSEHOLD_MAX_BELOW_ACTIVE; above the community's
 * cap), so the person corrects it where they typed it.
 */
const refusesTheNumber = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.status === 400 || error.status === 409 || error.status === 422);

interface HouseholdCapSheetProps {
  household: Household;
  onDone: (household: Household) => void;
  onClose: () => void;
}

/**
 * 修改结对人数: how many members may pair with one household, within the community's cap (社区设置)
 * and never below the members paired now. The server decides; the sheet says both bounds first.
 */
export function HouseholdCapSheet({ household, onDone, onClose }: HouseholdCapSheetProps) {
  const [value, setValue] = useState(String(household.maxMembers));
  const [error, setError] = useState<string>();
  // Refused for the members paired now: how to get below them is said too.
  const [belowPaired, setBelowPaired] = useState(false);
  const { busy, run } = useAction();
  const settings = useRemote(() => getCommunitySettings(household.communityId), [household.communityId]);
  const cap = settings.state.kind === 'ready' ? settings.state.value.householdMaxMembers : null;

  const submit = async () => {
    const typed = value.trim();
    const checked = checkForm(updateHouseholdBodySchema, { maxMembers: /^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN });
    if (!checked.ok) return setError(checked.errors.maxMembers ?? '请输入整数');
    const changed = await run('cap', () =>
      setHouseholdCap(household.id, checked.data.maxMembers).catch((failure: unknown) => {
        if (!refusesTheNumber(failure)) throw failure;
        setError(failure.message);
        setBelowPaired(failure.code === 'HOUSEHOLD_MAX_BELOW_ACTIVE');
        return null;
      }),
    );
    if (!changed) return;
    toastDone('已修改');
    onDone(changed);
  };

  const bounds = [
    household.activePairings > 0 ? `已结对 ${household.activePairings} 人，不能少于此数` : '目前还没有党员结对',
    cap === null ? null : `本社区每户最多 ${cap} 人（社区设置）`,
  ].filter(Boolean);

  return (
    <Sheet title={`修改「${household.name}」的结对人数`} submitLabel='保存' busy={busy !== null} onSubmit={submit} onClose={onClose}>
      <FormField
        label='可结对党员人数'
        name='maxMembers'
        value={value}
        placeholder='一般为 1'
        hint={bounds.join('；')}
        maxlength={2}
        error={error}
        disabled={busy !== null}
        onInput={(typed) => {
          setValue(typed);
          setError(undefined);
          setBelowPaired(false);
        }}
      />
      {error && belowPaired && (
        <Text className='wish-sheet__warning'>人数不能少于正在结对的党员数。如需调低，请先由结对党员结束结对。</Text>
      )}
    </Sheet>
  );
}

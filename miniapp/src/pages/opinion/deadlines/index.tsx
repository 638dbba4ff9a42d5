import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  DEFAULT_OPINION_DEADLINE_DAYS,
  type Me,
  OPINION_LEVEL_HOLDER_LABELS,
  OPINION_LEVEL_LABELS,
  OPINION_LEVELS,
  type OpinionDeadlines,
  opinionDeadlinesSchema,
  type OpinionLevel,
} from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Failed, Loaded } from '../../../components/LoadState';
import { Page } from '../../../components/Page';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { Skeleton } from '../../../components/Skeleton';
import { useAction } from '../../../hooks/useAction';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import type { Scope } from '../../../hooks/useScope';
import { getOpinionDeadlines, setOpinionDeadlines } from '../../../services/opinions';
import { checkForm, type FieldErrors } from '../../../utils/form';
import '../../../components/wish/wish.css';
import '../opinion.css';

type Typed = Record<OpinionLevel, string>;

const typedOf = (deadlines: OpinionDeadlines): Typed => ({
  branch: String(deadlines.branch),
  community: String(deadlines.community),
  street: String(deadlines.street),
  representative: String(deadlines.representative),
});

/** Where the user sets deadlines: the districts they are an admin of. */
const districtsOf = (me: Me): Scope[] =>
  me.roles.flatMap((grant) => (grant.role === 'district_admin' && grant.orgId ? [{ id: grant.orgId, name: grant.scopeName ?? '本区' }] : []));

/** The four levels' days, typed, checked by the schema the server uses, and saved. */
function DeadlinesForm({ district, saved }: { district: Scope; saved: OpinionDeadlines }) {
  const [typed, setTyped] = useState<Typed>(() => typedOf(saved));
  const [errors, setErrors] = useState<FieldErrors<OpinionLevel>>({});
  const { busy, run } = useAction();

  const save = async () => {
    const days = Object.fromEntries(OPINION_LEVELS.map((level) => [level, typed[level].trim() === '' ? Number.NaN : Number(typed[level])]));
    const checked = checkForm(opinionDeadlinesSchema, days as Record<OpinionLevel, number>);
    if (!checked.ok) {
      // zod's words for a blank or a fraction are not for people.
      const found: FieldErrors<OpinionLevel> = {};
      for (const level of OPINION_LEVELS) {
        if (!checked.errors[level]) continue;
        found[level] = Number.isInteger(days[level]) ? checked.errors[level] : '请填写 1 至 180 的整数天数';
      }
      return setErrors(found);
    }
    const answer = await run('save', () => setOpinionDeadlines(district.id, checked.data), { done: '已保存' });
    if (answer) setTyped(typedOf(answer));
  };

  return (
    <View className='card'>
      <Text className='card__title'>{`${district.name} · 首次答复期限`}</Text>
      <Text className='card__hint'>民情到达每一级后，该级须在期限内首次答复（办结、上报或关闭）；超过期限的在办理队列中标为「超期」并计入统计。</Text>
      {OPINION_LEVELS.map((level) => (
        <FormField
          key={level}
          label={`${OPINION_LEVEL_LABELS[level]}（${OPINION_LEVEL_HOLDER_LABELS[level]}）天数`}
          name={level}
          value={typed[level]}
          placeholder={`默认 ${DEFAULT_OPINION_DEADLINE_DAYS[level]} 天`}
          maxlength={3}
          error={errors[level]}
          disabled={busy !== null}
          onInput={(value) => {
            setTyped((current) => ({ ...current, [level]: value.replace(/\D/g, '') }));
            setErrors((current) => ({ ...current, [level]: undefined }));
          }}
        />
      ))}
      <Text className='field__hint'>已在某一级的民情仍按进入该级时的期限计算。</Text>
      <View className='wish-submit'>
        <ActionButton busy={busy === 'save'} onClick={() => void save()}>
          保存
        </ActionButton>
      </View>
    </View>
  );
}

function Deadlines({ districts }: { districts: Scope[] }) {
  const [chosen, setChosen] = useState(districts[0]!.id);
  const district = districts.find((d) => d.id === chosen) ?? districts[0]!;
  const current = useRemote(() => getOpinionDeadlines(district.id), [district.id]);
  return (
    <>
      <ScopeSwitch choice={{ scopes: districts, current: district, choose: setChosen }} />
      {current.state.kind === 'loading' && <Skeleton lines={4} />}
      {current.state.kind === 'failed' && <Failed message={current.state.message} onRetry={current.retry} />}
      {current.state.kind === 'ready' && (
        <DeadlinesForm key={district.id} district={district} saved={current.state.value} />
      )}
    </>
  );
}

/** 民情办理期限 (district admins): the days each level of 四议一呼 has for its first answer. */
export default function OpinionDeadlinesPage() {
  const { state, reload } = useMe();
  const districts = state.kind === 'ready' ? { kind: 'ready' as const, value: districtsOf(state.value) } : state;
  return (
    <Page className='wish-page'>
      <Loaded
        state={districts.kind === 'ready' ? { kind: 'ready', value: districts.value.length > 0 ? districts.value : null } : districts}
        onRetry={reload}
        missing={<Empty text='民情各级的办理期限由区管理员设置。' />}
      >
        {(held) => <Deadlines districts={held} />}
      </Loaded>
    </Page>
  );
}

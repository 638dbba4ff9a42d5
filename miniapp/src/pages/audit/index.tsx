import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Me } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { AuditEntryView } from '../../components/AuditHistory/Entry';
import { Empty, Loaded } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { PagedBody } from '../../components/PagedList';
import { ScopeSwitch } from '../../components/ScopeSwitch';
import { PickerField } from '../../components/service/PickerField';
import { Sheet } from '../../components/Sheet';
import { Chips } from '../../components/wish/Chips';
import { useAction } from '../../hooks/useAction';
import { useMe } from '../../hooks/useMe';
import { usePagedList } from '../../hooks/usePagedList';
import type { Remote } from '../../hooks/useRemote';
import { type AuditFilter, downloadAuditLedger, listAudit } from '../../services/audit';
import { buttonAria } from '../../utils/a11y';
import {
  ACTION_OPTIONS,
  type AuditScope,
  auditScopesOf,
  dayOf,
  filterSummary,
  type Period,
  PERIOD_PRESETS,
  periodError,
  presetOf,
  presetPeriod,
} from './filters';
import '../../components/wish/wish.css';
import '../../components/service/service.css';
import './index.css';

const REFUSED_TEXT = '只有社区工作人员、街道和区管理员可以查看操作日志。';
/** The earliest day offered by the date pickers. */
const EARLIEST_DAY = '2017-01-01';

interface Actor {
  id: string;
  name: string;
}

/** 导出台账: the trail with the filters on screen, asked about first. */
function Export({ scope, filter, actor }: { scope: AuditScope; filter: AuditFilter; actor: Actor | null }) {
  const { busy, run } = useAction();
  const [asking, setAsking] = useState(false);
  const start = async () => {
    const saved = await run('export', () => downloadAuditLedger(scope.id, filter, scope.name), {
      done: '已导出',
      failed: '导出失败，请稍后重试',
    });
    if (saved !== undefined) setAsking(false);
  };
  return (
    <>
      <ActionButton small variant='plain' busy={busy !== null} onClick={() => setAsking(true)}>
        导出台账
      </ActionButton>
      {asking && (
        <Sheet
          title='导出操作日志'
          submitLabel={busy ? '正在导出…' : '导出'}
          busy={busy !== null}
          onSubmit={() => void start()}
          onClose={() => setAsking(false)}
        >
          <Text className='audit-export__ask'>{`将导出「${scope.name}」及其下各级的操作日志。`}</Text>
          <Text className='audit-export__filter'>{`筛选条件：${filterSummary(filter, actor?.name)}`}</Text>
          <Text className='audit-export__note'>
            {process.env.TARO_ENV === 'h5'
              ? '文件为 Excel 表格（.xlsx），由浏览器保存到本机。请妥善保管。'
              : '文件为 Excel 表格（.xlsx），下载后在微信中打开，可转发或保存。请妥善保管。'}
          </Text>
        </Sheet>
      )}
    </>
  );
}

/** The trail of one node: the filters, the rows newest first, and the export. */
function Trail({ scopes, scope, onScope }: { scopes: AuditScope[]; scope: AuditScope; onScope: (id: string) => void }) {
  const [action, setAction] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>({});
  const [actor, setActor] = useState<Actor | null>(null);
  const now = new Date();
  const today = dayOf(now);

  const error = periodError(period);
  // A period that cannot be asked for leaves the list as it was, with the error under the pickers.
  const [asked, setAsked] = useState<Period>({});
  const pickPeriod = (next: Period) => {
    setPeriod(next);
    if (!periodError(next)) setAsked(next);
  };
  const filter: AuditFilter = { action: action ?? undefined, actorId: actor?.id, from: asked.from, to: asked.to };
  const list = usePagedList((cursor) => listAudit({ orgId: scope.id }, filter, cursor), [
    scope.id,
    filter.action,
    filter.actorId,
    filter.from,
    filter.to,
  ]);

  const filtered = Boolean(action || actor || period.from || period.to);
  const clear = () => {
    setAction(null);
    setActor(null);
    pickPeriod({});
  };
  const actionIndex = Math.max(0, ACTION_OPTIONS.findIndex((option) => option.value === action));

  return (
    <View>
      <ScopeSwitch choice={{ scopes, current: scope, choose: onScope }} />
      <View className='card audit-filters'>
        <View className='audit-filters__head'>
          <Text className='card__title'>{`${scope.name}的操作日志`}</Text>
          {filtered && (
            <Text className='link' onClick={clear} {...buttonAria()}>
              清除筛选
            </Text>
          )}
        </View>
        <PickerField
          mode='selector'
          label='操作'
          placeholder='全部操作'
          options={ACTION_OPTIONS.map((option) => option.label)}
          index={actionIndex}
          onChange={(index) => setAction(ACTION_OPTIONS[index]?.value ?? null)}
        />
        <View className='field'>
          <Text className='field__label'>期间</Text>
          <Chips
            label='期间'
            options={PERIOD_PRESETS}
            value={presetOf(period, now)}
            onChange={(preset) => pickPeriod(presetPeriod(preset, now))}
          />
        </View>
        <View className='svc-times'>
          <PickerField
            mode='date'
            label='起始日期'
            placeholder='不限'
            value={period.from ?? ''}
            start={EARLIEST_DAY}
            end={today}
            onChange={(from) => pickPeriod({ ...period, from })}
          />
          <PickerField
            mode='date'
            label='结束日期'
            placeholder='不限'
            value={period.to ?? ''}
            start={EARLIEST_DAY}
            end={today}
            onChange={(to) => pickPeriod({ ...period, to })}
          />
        </View>
        {error && <Text className='field__error audit-filters__error'>{error}</Text>}
        <View className='audit-filters__actor'>
          {actor ? (
            <>
              <Text className='audit-filters__chosen'>{`操作人：${actor.name}`}</Text>
              <Text className='link' onClick={() => setActor(null)} {...buttonAria()}>
                看全部人员
              </Text>
            </>
          ) : (
            <Text className='card__hint'>点记录中的姓名，只看此人的操作</Text>
          )}
        </View>
        <View className='audit-filters__export'>
          <Text className='card__hint audit-filters__export-hint'>按当前筛选导出为 Excel 台账</Text>
          <Export scope={scope} filter={filter} actor={actor} />
        </View>
      </View>

      <PagedBody
        list={list}
        className='card audit-list'
        empty={
          <Empty
            text={filtered ? '没有符合筛选条件的记录。' : '还没有操作记录。审核心愿、确认报到等办理的每一步都会记在这里。'}
            action={
              filtered ? (
                <Text className='link' onClick={clear} {...buttonAria()}>
                  清除筛选 ›
                </Text>
              ) : undefined
            }
          />
        }
        renderItem={(entry) => <AuditEntryView key={entry.id} entry={entry} showObject onActor={setActor} />}
      />
    </View>
  );
}

function scopesState(me: Remote<Me>): Remote<AuditScope[] | null> {
  if (me.kind !== 'ready') return me;
  const scopes = auditScopesOf(me.value);
  return { kind: 'ready', value: scopes.length > 0 ? scopes : null };
}

/**
 * 操作日志 (community staff, street and district admins: audit.read): the trail of the node they
 * hold the role on and everything under it, newest first; narrowed by action, period and actor
 * (tap a name), each row opening the wish or post it names; exported as a ledger with the same
 * filters.
 */
export default function AuditPage() {
  const { state, reload } = useMe();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Page className='audit-page'>
      <Loaded state={scopesState(state)} onRetry={reload} missing={<Empty text={REFUSED_TEXT} />}>
        {(scopes) => {
          const scope = scopes.find((s) => s.id === chosen) ?? scopes[0]!;
          return <Trail key={scope.id} scopes={scopes} scope={scope} onScope={setChosen} />;
        }}
      </Loaded>
    </Page>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState, type ChangeEvent } from 'react';
import { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, type RosterImportResult } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { RejectedRows } from '../../../components/RejectedRows';
import { openReporting } from '../../../components/reporting/navigation';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { confirmStep } from '../../../hooks/useAction';
import type { ScopeChoice } from '../../../hooks/useScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { isSessionEnded } from '../../../services/api';
import { type RosterFile, type RosterImportMode, uploadRoster } from '../../../services/units';
import { aria, buttonAria, control } from '../../../utils/a11y';
import { saveFile } from '../../../utils/browser';
import { messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import '../../../components/reporting/common.css';
import './index.css';

const EXTENSIONS = ['csv', 'xlsx'];
const MAX_MB = ROSTER_MAX_BYTES / 1024 / 1024;
const SAMPLE = '姓名,手机号,支部\n张三,13800000001,第一党支部\n李四,13800000002,第二党支部\n';

interface Chosen {
  file: RosterFile;
  name: string;
  size: number;
}

/** What is wrong with a file before it is sent, or null. */
function problemOf(name: string, size: number): string | null {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  if (!EXTENSIONS.includes(extension)) return '名册须为 CSV 或 XLSX 文件';
  if (size > ROSTER_MAX_BYTES) return `名册文件不能超过 ${MAX_MB} MB`;
  if (size === 0) return '文件是空的，请重新选择';
  return null;
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** h5: a sample file with the header, saved by the browser. */
function downloadSample() {
  // A BOM so that Excel reads the Chinese header as UTF-8.
  if (process.env.TARO_ENV === 'h5') saveFile(`\uFEFF${SAMPLE}`, 'text/csv;charset=utf-8', '党员名册示例.csv');
}

/** h5: the browser's own file input, styled as a button. */
function WebFileInput({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  return (
    <label className={`roster-pick btn btn--plain${disabled ? ' btn--off' : ''}`}>
      选择名册文件
      <input
        className='roster-pick__input'
        type='file'
        accept='.csv,.xlsx'
        aria-label='选择名册文件'
        disabled={disabled}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after editing it) fires again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}

/** The roster's ways of importing: what each does to the members the file leaves out. */
const MODES: { key: RosterImportMode; label: string; hint: string }[] = [
  { key: 'add', label: '追加', hint: '文件中的党员加入名册，已在名册中的更新姓名和支部；名册中的其他党员不变。' },
  {
    key: 'replace',
    label: '整体替换',
    hint: '以文件为准：名册中有、文件中没有的党员离开名册（历史记录保留），其进行中的报到随之结束。替换前先预览。',
  },
];

function ModeChoice({ mode, disabled, onChange }: { mode: RosterImportMode; disabled: boolean; onChange: (mode: RosterImportMode) => void }) {
  return (
    <View className='roster-modes' {...aria({ role: 'radiogroup', 'aria-label': '导入方式' })}>
      {MODES.map((m) => {
        const on = m.key === mode;
        return (
          <View
            key={m.key}
            className={`roster-mode${on ? ' roster-mode--on' : ''}`}
            onClick={() => !disabled && !on && onChange(m.key)}
            {...control('radio', { 'aria-checked': on, 'aria-disabled': disabled })}
          >
            <Text className='roster-mode__label'>{m.label}</Text>
            <Text className='roster-mode__hint'>{m.hint}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** 张三（内科党支部）、李四 … 等 N 人: who leaves, as many as the answer names. */
function departingText(result: RosterImportResult): string {
  const names = result.departing.map((d) => (d.branch ? `${d.name}（${d.branch}）` : d.name)).join('、');
  return result.departed > result.departing.length ? `${names} 等 ${result.departed} 人` : names;
}

/** Counts, who leaves, and the rows refused: what an import did or, previewed, would do. */
function Outcome({ result, mode }: { result: RosterImportResult; mode: RosterImportMode }) {
  const counts = [
    { label: '新增', value: result.added },
    { label: '更新', value: result.updated },
    { label: '未变', value: result.unchanged },
    ...(result.returned > 0 ? [{ label: '回到名册', value: result.returned }] : []),
    ...(mode === 'replace' ? [{ label: result.dryRun ? '将离开名册' : '离开名册', value: result.departed }] : []),
    { label: '未导入', value: result.rejected.length },
  ];
  // The wrong file: it names nobody now on the roster, so replacing with it empties the roster.
  const everyone = mode === 'replace' && result.departed > 0 && result.updated + result.unchanged === 0;
  return (
    <>
      <View className='roster-counts'>
        {counts.map((count) => (
          <View key={count.label} className='roster-counts__cell'>
            <Text className='roster-counts__value'>{`${count.label} ${count.value}`}</Text>
          </View>
        ))}
      </View>
      {everyone && (
        <Text className='rp-error roster-everyone' {...aria({ role: 'alert' })}>
          {`文件中没有一位现在名册中的党员：替换后名册中的 ${result.departed} 名党员将全部离开名册。请确认上传的是本单位的名册。`}
        </Text>
      )}
      {result.departed > 0 && (
        <View className='roster-departing'>
          <Text className='roster-departing__title'>
            {result.dryRun ? `以下 ${result.departed} 名党员将离开名册，其进行中的报到随之结束：` : `以下 ${result.departed} 名党员已离开名册：`}
          </Text>
          <Text className='roster-departing__names'>{departingText(result)}</Text>
        </View>
      )}
      {result.rejected.length > 0 ? (
        <View className='roster-rejected'>
          <Text className='roster-rejected__title'>
            {result.dryRun ? '以下行不会导入，请修改后重新上传' : '以下行未导入，请修改后重新上传（其余行已导入）'}
          </Text>
          <RejectedRows rows={result.rejected} />
        </View>
      ) : (
        <Text className='rp-note'>{result.dryRun ? '所有行都可以导入。' : '全部行已导入。'}</Text>
      )}
    </>
  );
}

/**
 * A unit's roster upload: 追加 imports at once; 整体替换 is previewed first (`dryRun`), showing who
 * would leave, and imported only once the admin confirms it.
 */
function RosterImport({ choice }: { choice: ScopeChoice }) {
  const current = choice.current;
  const [mode, setMode] = useState<RosterImportMode>('add');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [preview, setPreview] = useState<RosterImportResult | null>(null);
  const [result, setResult] = useState<{ answer: RosterImportResult; mode: RosterImportMode } | null>(null);
  const [uploading, setUploading] = useState(false);
  // Guards against a second tap before the disabled button has rendered.
  const running = useRef(false);

  const take = (file: RosterFile, name: string, size: number) => {
    const wrong = problemOf(name, size);
    setProblem(wrong ?? '');
    setChosen(wrong ? null : { file, name, size });
    setPreview(null);
    setResult(null);
  };

  const chooseMode = (next: RosterImportMode) => {
    setMode(next);
    setPreview(null);
    setResult(null);
  };

  const chooseInWechat = async () => {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS });
      const file = tempFiles[0];
      if (file) take({ kind: 'path', path: file.path, name: file.name }, file.name, file.size);
    } catch {
      // Cancelled.
    }
  };

  const send = async (dryRun: boolean) => {
    if (!chosen || running.current) return;
    running.current = true;
    setUploading(true);
    setSent(0);
    setProblem('');
    try {
      const answer = await uploadRoster(current.id, chosen.file, { mode, dryRun }, (fraction) => setSent(Math.min(1, fraction)));
      if (dryRun) {
        setPreview(answer);
      } else {
        setResult({ answer, mode });
        setPreview(null);
        setChosen(null);
        toastDone('导入完成');
      }
    } catch (error) {
      // Stays beside the file (a bad header, too many rows), not in a toast that vanishes.
      if (!isSessionEnded(error)) setProblem(messageOf(error, '上传失败，请稍后重试'));
    } finally {
      running.current = false;
      setUploading(false);
      setSent(null);
    }
  };

  /** Replaces the roster as previewed, once the admin has said yes to who leaves. */
  const replace = async () => {
    if (!preview) return;
    if (preview.departed > 0) {
      const yes = await confirmStep({
        title: '确认整体替换',
        content: `${preview.departed} 名党员将离开名册，其进行中的报到将结束，认领的岗位、结对和心愿交回社区。确定替换？`,
        confirmText: '确认替换',
      });
      if (!yes) return;
    }
    await send(false);
  };

  const progress = sent === null ? 0 : Math.round(sent * 100);
  const replacing = mode === 'replace';
  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='card'>
        <Text className='card__title'>导入党员名册</Text>
        <Text className='card__hint'>{current.name}</Text>
        <View className='roster-format'>
          <Text className='rp-note'>表头：姓名,手机号,支部（或 name,phone,branch），支部可不填。</Text>
          <Text className='rp-note'>{`Excel 或 WPS 表格（XLSX），或另存的 CSV 文件，不超过 ${MAX_MB} MB、${ROSTER_MAX_ROWS} 行。`}</Text>
          <Text className='rp-note'>已离开名册的党员再次出现在文件中时，回到名册。</Text>
          {process.env.TARO_ENV === 'h5' && (
            <Text className='link roster-sample' onClick={downloadSample} {...buttonAria()}>
              下载示例文件
            </Text>
          )}
        </View>

        <ModeChoice mode={mode} disabled={uploading} onChange={chooseMode} />

        <View className='roster-file'>
          {process.env.TARO_ENV === 'h5' ? (
            <WebFileInput
              disabled={uploading}
              onFile={(file) => take({ kind: 'web', file }, file.name, file.size)}
            />
          ) : (
            <ActionButton variant='plain' disabled={uploading} onClick={chooseInWechat}>
              从聊天记录选择文件
            </ActionButton>
          )}
          {chosen && (
            <Text className='roster-file__name'>{`已选择：${chosen.name}（${sizeText(chosen.size)}）`}</Text>
          )}
          {problem && <Text className='rp-error roster-file__problem'>{problem}</Text>}
        </View>

        {uploading && (
          <View className='roster-progress'>
            <View className='roster-progress__track'>
              <View className='roster-progress__bar' style={{ width: `${progress}%` }} />
            </View>
            <Text className='roster-progress__text'>
              {progress < 100 ? `正在上传 ${progress}%` : replacing && !preview ? '上传完成，正在核对…' : '上传完成，正在导入…'}
            </Text>
          </View>
        )}

        {!preview &&
          (replacing ? (
            <ActionButton busy={uploading} disabled={!chosen} onClick={() => void send(true)}>
              预览替换
            </ActionButton>
          ) : (
            <ActionButton busy={uploading} disabled={!chosen} onClick={() => void send(false)}>
              上传并导入
            </ActionButton>
          ))}
      </View>

      {preview && (
        <View className='card roster-result'>
          <Text className='card__title'>替换预览</Text>
          <Text className='card__hint'>尚未导入。核对离开名册的党员无误后，点「确认替换」。</Text>
          <Outcome result={preview} mode='replace' />
          <View className='roster-result__go'>
            <ActionButton busy={uploading} onClick={() => void replace()}>
              确认替换
            </ActionButton>
          </View>
        </View>
      )}

      {result && (
        <View className='card roster-result'>
          <Text className='card__title'>导入结果</Text>
          <Outcome result={result.answer} mode={result.mode} />
          <View className='roster-result__go'>
            <ActionButton variant='plain' onClick={() => openReporting(REPORTING_ROUTES.unitMembers, { scope: current.id })}>
              查看报到情况
            </ActionButton>
          </View>
        </View>
      )}
    </>
  );
}

/** 党员名册 (unit admin): add to the roster or replace it from a file (CSV or XLSX), and see what happened to each row. */
export default function RosterPage() {
  return (
    <RolePage role='unit_admin' className='rp-page' refused='您不是单位党组织管理员，不能导入名册。如需开通，请联系上级党组织。'>
      {(choice) => <RosterImport key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}

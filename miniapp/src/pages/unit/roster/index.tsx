import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState, type ChangeEvent } from 'react';
import { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, type RosterImportResult } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { openReporting } from '../../../components/reporting/navigation';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import type { ScopeChoice } from '../../../hooks/useScope';
import { REPORTING_ROUTES } from '../../../subpackages/reporting';
import { isSessionEnded } from '../../../services/api';
import { type RosterFile, uploadRoster } from '../../../services/units';
import { buttonAria } from '../../../utils/a11y';
import { messageOf } from '../../../utils/form';
import { IS_H5 } from '../../../utils/platform';
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
  const blob = new Blob([`\uFEFF${SAMPLE}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = '党员名册示例.csv';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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

function ImportResult({ result, onMembers }: { result: RosterImportResult; onMembers: () => void }) {
  const counts = [
    { label: '新增', value: result.added },
    { label: '更新', value: result.updated },
    { label: '未变', value: result.unchanged },
    { label: '未导入', value: result.rejected.length },
  ];
  return (
    <View className='card roster-result'>
      <Text className='card__title'>导入结果</Text>
      <View className='roster-counts'>
        {counts.map((count) => (
          <View key={count.label} className='roster-counts__cell'>
            <Text className='roster-counts__value'>{`${count.label} ${count.value}`}</Text>
          </View>
        ))}
      </View>
      {result.rejected.length > 0 ? (
        <View className='roster-rejected'>
          <Text className='roster-rejected__title'>以下行未导入，请修改后重新上传（其余行已导入）</Text>
          <View className='roster-table' {...(IS_H5 ? { role: 'table' } : {})}>
            <View className='roster-table__row roster-table__row--head' {...(IS_H5 ? { role: 'row' } : {})}>
              <Text className='roster-table__line'>行号</Text>
              <Text className='roster-table__reason'>原因</Text>
            </View>
            {result.rejected.map((row) => (
              <View key={row.row} className='roster-table__row' {...(IS_H5 ? { role: 'row' } : {})}>
                <Text className='roster-table__line'>{String(row.row)}</Text>
                <Text className='roster-table__reason'>{row.reason}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : (
        <Text className='rp-note'>全部行已导入。</Text>
      )}
      <View className='roster-result__go'>
        <ActionButton variant='plain' onClick={onMembers}>
          查看报到情况
        </ActionButton>
      </View>
    </View>
  );
}

/** A unit's roster upload and what happened to each row. */
function RosterImport({ choice }: { choice: ScopeChoice }) {
  const current = choice.current;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [uploading, setUploading] = useState(false);
  // Guards against a second tap before the disabled button has rendered.
  const running = useRef(false);

  const take = (file: RosterFile, name: string, size: number) => {
    const wrong = problemOf(name, size);
    setProblem(wrong ?? '');
    setChosen(wrong ? null : { file, name, size });
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

  const upload = async () => {
    if (!chosen || running.current) return;
    running.current = true;
    setUploading(true);
    setSent(0);
    setProblem('');
    try {
      const answer = await uploadRoster(current.id, chosen.file, (fraction) => setSent(Math.min(1, fraction)));
      setResult(answer);
      setChosen(null);
      toastDone('导入完成');
    } catch (error) {
      // Stays beside the file (a bad header, too many rows), not in a toast that vanishes.
      if (!isSessionEnded(error)) setProblem(messageOf(error, '上传失败，请稍后重试'));
    } finally {
      running.current = false;
      setUploading(false);
      setSent(null);
    }
  };

  const progress = sent === null ? 0 : Math.round(sent * 100);
  return (
    <>
      <ScopeSwitch choice={choice} />
      <View className='card'>
        <Text className='card__title'>导入党员名册</Text>
        <Text className='card__hint'>{current.name}</Text>
        <View className='roster-format'>
          <Text className='rp-note'>表头：姓名,手机号,支部（或 name,phone,branch），支部可不填。</Text>
          <Text className='rp-note'>{`CSV（UTF-8）或 XLSX 文件，不超过 ${MAX_MB} MB、${ROSTER_MAX_ROWS} 行。`}</Text>
          <Text className='rp-note'>已在名册中的手机号再次导入时，更新姓名和支部。</Text>
          {IS_H5 && (
            <Text className='link roster-sample' onClick={downloadSample} {...buttonAria()}>
              下载示例文件
            </Text>
          )}
        </View>

        <View className='roster-file'>
          {IS_H5 ? (
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
              {progress < 100 ? `正在上传 ${progress}%` : '上传完成，正在导入…'}
            </Text>
          </View>
        )}

        <ActionButton busy={uploading} disabled={!chosen} onClick={upload}>
          上传并导入
        </ActionButton>
      </View>

      {result && (
        <ImportResult
          result={result}
          onMembers={() => openReporting(REPORTING_ROUTES.unitMembers, { scope: current.id })}
        />
      )}
    </>
  );
}

/** 党员名册 (unit admin): upload the roster (CSV or XLSX) and see what happened to each row. */
export default function RosterPage() {
  return (
    <RolePage role='unit_admin' className='rp-page' refused='您不是单位党组织管理员，不能导入名册。如需开通，请联系上级党组织。'>
      {(choice) => <RosterImport key={choice.current.id} choice={choice} />}
    </RolePage>
  );
}

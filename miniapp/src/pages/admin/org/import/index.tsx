import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type ChangeEvent, useState } from 'react';
import { type Me, ORG_IMPORT_MAX_ROWS, ORG_KIND_LABELS, type OrgImportResult, type OrgNode } from '@huijia/shared';
import { kindCountsText, orgPlacesOf, takesTreeFile } from '../../../../components/admin/scope';
import { AdminPage, ErrorNote, useSubmit } from '../../../../components/admin/ui';
import { RejectedRows } from '../../../../components/RejectedRows';
import { ActionButton } from '../../../../components/ActionButton';
import { Empty, Loaded } from '../../../../components/LoadState';
import { decodeParam } from '../../../../components/reporting/navigation';
import { useRemote } from '../../../../hooks/useRemote';
import { getOrg, importOrgs } from '../../../../services/orgs';
import type { SpreadsheetFile } from '../../../../services/spreadsheets';
import { ADMIN_ROUTES, adminUrl } from '../../../../subpackages/admin';
import '../../../../components/admin/admin.css';

const EXTENSIONS = ['csv', 'xlsx'];
const SAMPLE = '街道,社区,小区,楼栋\n东城街道,龙津社区,阳光花园,1栋\n东城街道,龙津社区,阳光花园,2栋\n东城街道,莲东社区';

interface Chosen {
  file: SpreadsheetFile;
  name: string;
}

/** What is wrong with a file before it is sent, or null (the server checks the rest). */
function problemOf(name: string, size: number): string | null {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  if (!EXTENSIONS.includes(extension)) return '组织架构文件须为 CSV 或 XLSX 文件';
  if (size === 0) return '文件是空的，请重新选择';
  return null;
}

/** h5: the browser's own file input, styled as a button. */
function WebFileInput({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  return (
    <label className={`adm-file btn btn--plain${disabled ? ' btn--off' : ''}`}>
      选择文件
      <input
        className='adm-file__input'
        type='file'
        accept='.csv,.xlsx'
        aria-label='选择组织架构文件'
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

function Format() {
  return (
    <View className='card'>
      <Text className='card__title'>文件格式</Text>
      <Text className='adm-note'>每行一条路径：街道,社区,小区,楼栋。小区、楼栋可以不填；第一行可以是表头。</Text>
      <Text className='adm-sample'>{SAMPLE}</Text>
      <Text className='adm-note'>{`Excel 或 WPS 表格（XLSX），或另存的 CSV 文件，一次最多 ${ORG_IMPORT_MAX_ROWS} 行，大的区可按街道分批导入。`}</Text>
      <Text className='adm-note'>已有的节点不会重复创建：同一个文件可以放心再导入一次。</Text>
    </View>
  );
}

/** What an import made, or (previewed) would make: counts by kind, then the rows refused. */
function Outcome({ result }: { result: OrgImportResult }) {
  const counts = [
    { label: result.dryRun ? '将新建' : '已新建', value: `${result.created} 个` },
    { label: '已存在（不变）', value: `${result.existing} 个` },
  ];
  return (
    <>
      <View className='adm-counts'>
        {counts.map((count) => (
          <View key={count.label} className='adm-counts__cell'>
            <Text className='adm-counts__value'>{count.value}</Text>
            <Text className='adm-counts__label'>{count.label}</Text>
          </View>
        ))}
      </View>
      <Text className='adm-note'>{`${result.dryRun ? '将新建' : '新建'}：${kindCountsText(result.createdByKind)}`}</Text>
      {result.rejected.length > 0 ? (
        <View className='adm-gap'>
          <Text className='adm-note'>{`以下 ${result.rejected.length} 行${result.dryRun ? '不会导入' : '未导入'}，请修改后重新上传：`}</Text>
          <RejectedRows rows={result.rejected} />
        </View>
      ) : (
        <Text className='adm-note'>所有行都没有问题。</Text>
      )}
    </>
  );
}

/** Choose a file, preview it (`dryRun=1`), import it, see what was made. */
function Importer({ base }: { base: OrgNode }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [problem, setProblem] = useState('');
  const [preview, setPreview] = useState<OrgImportResult | null>(null);
  const [result, setResult] = useState<OrgImportResult | null>(null);
  const [sent, setSent] = useState(0);
  const { busy, error, setError, submit } = useSubmit();

  const take = (file: SpreadsheetFile, name: string, size: number) => {
    const wrong = problemOf(name, size);
    setProblem(wrong ?? '');
    setChosen(wrong ? null : { file, name });
    setPreview(null);
    setResult(null);
    setError('');
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

  const send = (dryRun: boolean) => {
    if (!chosen) return;
    setSent(0);
    void submit(async () => {
      const answer = await importOrgs(base.id, chosen.file, dryRun, (fraction) => setSent(Math.min(1, fraction)));
      if (dryRun) {
        setPreview(answer);
      } else {
        setResult(answer);
        setPreview(null);
        setChosen(null);
      }
    });
  };

  const progress = Math.round(sent * 100);
  return (
    <>
      <View className='card'>
        <Text className='card__title'>导入组织架构</Text>
        <Text className='card__hint'>{`导入到：${ORG_KIND_LABELS[base.kind]}「${base.name}」`}</Text>
        {!takesTreeFile(base) && <ErrorNote message='组织架构只能导入到区（县），或不设区的市。' />}
        {process.env.TARO_ENV === 'h5' ? (
          <WebFileInput disabled={busy} onFile={(file) => take({ kind: 'web', file }, file.name, file.size)} />
        ) : (
          <ActionButton variant='plain' disabled={busy} onClick={chooseInWechat}>
            从聊天记录选择文件
          </ActionButton>
        )}
        {chosen && <Text className='adm-file__name'>{`已选择：${chosen.name}`}</Text>}
        <ErrorNote message={problem || error} />
        {busy && <Text className='adm-note'>{progress < 100 ? `正在上传 ${progress}%` : '上传完成，正在核对…'}</Text>}
        {!preview && (
          <View className='adm-gap'>
            <ActionButton busy={busy} disabled={!chosen || !takesTreeFile(base)} onClick={() => send(true)}>
              预览
            </ActionButton>
          </View>
        )}
      </View>

      {preview && (
        <View className='card'>
          <Text className='card__title'>导入预览</Text>
          <Text className='card__hint'>尚未导入。核对无误后点「确认导入」。</Text>
          <Outcome result={preview} />
          <View className='adm-gap'>
            {preview.created > 0 ? (
              <ActionButton busy={busy} onClick={() => send(false)}>
                确认导入
              </ActionButton>
            ) : (
              <Text className='adm-note'>文件中没有需要新建的节点。</Text>
            )}
          </View>
        </View>
      )}

      {result && (
        <View className='card'>
          <Text className='card__title'>导入完成</Text>
          <Outcome result={result} />
          <View className='adm-gap'>
            <ActionButton variant='plain' onClick={() => Taro.redirectTo({ url: adminUrl(ADMIN_ROUTES.tree, { orgId: base.id }) })}>
              查看组织架构
            </ActionButton>
          </View>
        </View>
      )}

      <Format />
    </>
  );
}

function ImportInto({ me }: { me: Me }) {
  const asked = decodeParam(useRouter().params.orgId);
  const baseId = asked ?? orgPlacesOf(me.roles, ['org.import'])[0]?.id;
  const base = useRemote(baseId ? () => getOrg(baseId) : null, [baseId]);
  if (!baseId) return <Empty text='没有可以导入组织架构的区（县）。' />;
  return (
    <Loaded state={base.state} onRetry={base.retry} missing={null}>
      {(node) => <Importer key={node.id} base={node} />}
    </Loaded>
  );
}

/** 导入组织架构 (district admin): a district's tree from a CSV or XLSX file, previewed first. */
export default function ImportOrgsPage() {
  return (
    <AdminPage allowed={(me) => orgPlacesOf(me.roles, ['org.import']).length > 0} refused='只有区管理员可以导入组织架构。'>
      {(me) => <ImportInto me={me} />}
    </AdminPage>
  );
}

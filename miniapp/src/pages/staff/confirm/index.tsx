import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmReportBodySchema, reasonBodySchema, type Report, REPORT_BASIS_LABELS } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { Empty, Failed } from '../../../components/LoadState';
import { formatTime } from '../../../utils/time';
import { decodeParam } from '../../../components/reporting/navigation';
import { scanCertificate } from '../../../components/reporting/scan';
import { StatusBadge } from '../../../components/reporting/StatusBadge';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { Skeleton } from '../../../components/Skeleton';
import { confirmStep } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import type { ScopeChoice } from '../../../hooks/useScope';
import { isSessionEnded } from '../../../services/api';
import { confirmReport, listAllCommunityReports, rejectReport } from '../../../services/reports';
import { buttonAria } from '../../../utils/a11y';
import { checkForm, messageOf } from '../../../utils/form';
import { toastDone } from '../../../utils/toast';
import '../../../components/reporting/common.css';
import './index.css';

type Busy = 'confirm' | 'reject' | null;

const REASON_PLACEHOLDER = '请填写退回原因（必填），党员会看到';

/** The code as staff type it: upper case, without spaces or dashes. */
const normalise = (text: string) => text.toUpperCase().replace(/[\s-]/g, '');

function ReportSummary({ report }: { report: Report }) {
  return (
    <View className='confirm-who'>
      <View className='rp-row__head'>
        <Text className='confirm-who__name'>{report.memberName}</Text>
        <StatusBadge status={report.status} />
      </View>
      <Text className='rp-row__meta'>{`${report.unitName} · ${REPORT_BASIS_LABELS[report.basis]}`}</Text>
      <Text className='rp-row__meta'>{`${formatTime(report.createdAt)} 在线报到 · ${report.certificateIssued ? '报到证已签发' : '单位尚未签发报到证'}`}</Text>
    </View>
  );
}

/** The decision on one pending report: confirm with the code, or 退回 with a reason. */
function Decide({ report, initialCode, onDone }: { report: Report; initialCode: string; onDone: (done: Report) => void }) {
  const [code, setCode] = useState(initialCode);
  const [codeError, setCodeError] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [busy, setBusy] = useState<Busy>(null);

  const act = async (what: Exclude<Busy, null>, call: () => Promise<Report>, showError: (m: string) => void) => {
    if (busy) return;
    setBusy(what);
    try {
      onDone(await call());
    } catch (error) {
      if (!isSessionEnded(error)) showError(messageOf(error, '操作失败，请稍后重试'));
      setBusy(null);
    }
  };

  const confirm = () => {
    const checked = checkForm(confirmReportBodySchema, { certificateCode: code });
    if (!checked.ok) {
      setCodeError(checked.errors.certificateCode ?? '请输入报到证编码');
      return;
    }
    void act('confirm', () => confirmReport(report.id, checked.data.certificateCode), setCodeError);
  };

  const scan = async () => {
    const scanned = await scanCertificate();
    if (!scanned) return;
    if (scanned.reportId !== report.id) {
      setCodeError(`这不是${report.memberName}的报到证，请核对`);
      return;
    }
    setCode(scanned.code);
    setCodeError('');
  };

  const reject = async () => {
    const checked = checkForm(reasonBodySchema, { reason });
    if (!checked.ok) {
      setReasonError(checked.errors.reason ?? '请填写原因');
      return;
    }
    const agreed = await confirmStep({
      title: '退回报到',
      content: `退回${report.memberName}的报到？党员会收到退回原因，需重新报到。`,
      confirmText: '退回',
    });
    if (agreed) void act('reject', () => rejectReport(report.id, checked.data.reason), (m) => Taro.showToast({ title: m, icon: 'none' }));
  };

  return (
    <>
      <View className='card'>
        <Text className='card__title'>核对报到证</Text>
        {!report.certificateIssued && (
          <Text className='rp-error'>单位尚未签发报到证，请党员联系单位党组织签发后再来。</Text>
        )}
        <FormField
          label='报到证编码'
          name='certificateCode'
          value={code}
          placeholder='请输入 8 位报到证编码'
          maxlength={8}
          error={codeError}
          hint={process.env.TARO_ENV === 'weapp' ? '可扫描报到证二维码自动填入' : '编码在党员的报到证上，共 8 位'}
          disabled={busy !== null}
          onInput={(value) => {
            setCode(normalise(value));
            setCodeError('');
          }}
          onConfirm={confirm}
        />
        <View className='rp-actions'>
          {process.env.TARO_ENV === 'weapp' && (
            <ActionButton variant='plain' disabled={busy !== null} onClick={() => void scan()}>
              扫码
            </ActionButton>
          )}
          <ActionButton busy={busy === 'confirm'} disabled={busy !== null} onClick={confirm}>
            确认报到
          </ActionButton>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>退回</Text>
        {rejecting ? (
          <View>
            <Textarea
              className={`confirm-reason${reasonError ? ' confirm-reason--invalid' : ''}`}
              value={reason}
              maxlength={500}
              // On h5 the placeholder goes to the inner <textarea> alone (as FormField does), so that
              // a lookup by placeholder finds the one element that takes the text.
              placeholder={process.env.TARO_ENV === 'h5' ? undefined : REASON_PLACEHOLDER}
              placeholderClass='confirm-reason__placeholder'
              disabled={busy !== null}
              nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '退回原因', placeholder: REASON_PLACEHOLDER } : undefined}
              onInput={(event) => {
                setReason(event.detail.value);
                setReasonError('');
              }}
            />
            {reasonError && <Text className='rp-error'>{reasonError}</Text>}
            <View className='rp-actions'>
              <ActionButton variant='quiet' disabled={busy !== null} onClick={() => setRejecting(false)}>
                取消
              </ActionButton>
              <ActionButton busy={busy === 'reject'} disabled={busy !== null} onClick={() => void reject()}>
                确认退回
              </ActionButton>
            </View>
          </View>
        ) : (
          <>
            <Text className='card__hint'>信息不符（如不住本社区、不在本单位）时退回，并说明原因。</Text>
            <ActionButton variant='quiet' disabled={busy !== null} onClick={() => setRejecting(true)}>
              退回报到
            </ActionButton>
          </>
        )}
      </View>
    </>
  );
}

/** A community's pending reports: pick or scan one, then confirm or 退回 it. */
function Confirm({ choice }: { choice: ScopeChoice }) {
  const params = useRouter().params;
  const current = choice.current;
  const [selected, setSelected] = useState<{ id: string; code: string } | null>(() => {
    const id = decodeParam(params.id);
    return id ? { id, code: normalise(decodeParam(params.code) ?? '') } : null;
  });
  const [done, setDone] = useState<Report | null>(null);
  // No route reads one report: the community's pending list says who the report is from.
  const pending = useRemote(() => listAllCommunityReports(current.id, 'pending_offline'), [current.id]);

  const finish = (report: Report) => {
    toastDone(report.status === 'confirmed' ? '报到已确认' : '已退回');
    setDone(report);
  };

  const scan = async () => {
    const scanned = await scanCertificate();
    if (scanned) setSelected({ id: scanned.reportId, code: scanned.code });
  };

  const back = () => {
    if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
    else {
      setDone(null);
      setSelected(null);
      pending.retry();
    }
  };

  if (done) {
    const confirmed = done.status === 'confirmed';
    return (
      <View className='card confirm-done'>
        <Text className={`confirm-done__title${confirmed ? '' : ' confirm-done__title--rejected'}`}>
          {confirmed ? `已确认${done.memberName}的报到` : `已退回${done.memberName}的报到`}
        </Text>
        <Text className='rp-note'>
          {confirmed
            ? `${done.memberName}已在${done.communityName}完成报到，可在「网格管理」中编入网格支部和志愿服务队。`
            : '党员会收到退回原因，处理后可重新报到。'}
        </Text>
        <View className='rp-actions'>
          <ActionButton onClick={back}>返回报到名单</ActionButton>
        </View>
      </View>
    );
  }

  const renderBody = () => {
    if (pending.state.kind === 'loading') return <Skeleton />;
    if (pending.state.kind === 'failed') return <Failed message={pending.state.message} onRetry={pending.retry} />;
    const reports = pending.state.value;

    if (selected) {
      const report = reports.find((r) => r.id === selected.id);
      if (!report) {
        return (
          <View className='card'>
            <Empty inline text={`该报到不在${current.name}的待确认名单中：可能已确认、已撤回，或不属于本社区。`} />
            <ActionButton variant='plain' onClick={() => setSelected(null)}>
              查看待确认名单
            </ActionButton>
          </View>
        );
      }
      return (
        <>
          <View className='card'>
            <ReportSummary report={report} />
            {reports.length > 1 && (
              <Text className='link confirm-other' onClick={() => setSelected(null)} {...buttonAria()}>
                换一位
              </Text>
            )}
          </View>
          <Decide key={report.id} report={report} initialCode={selected.code} onDone={finish} />
        </>
      );
    }

    return (
      <View className='card'>
        <Text className='card__title'>待确认的报到</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <View className='confirm-scan'>
            <ActionButton onClick={() => void scan()}>扫码确认</ActionButton>
          </View>
        )}
        {reports.length === 0 ? (
          <Empty inline text='暂无待确认的报到。党员在线报到后会出现在这里。' />
        ) : (
          reports.map((report) => (
            <View
              key={report.id}
              className='rp-row confirm-pick'
              onClick={() => setSelected({ id: report.id, code: '' })}
              {...buttonAria()}
            >
              <View className='rp-row__head'>
                <Text className='rp-row__name'>{report.memberName}</Text>
                <Text className='link'>选择 ›</Text>
              </View>
              <Text className='rp-row__meta'>{report.unitName}</Text>
            </View>
          ))
        )}
      </View>
    );
  };

  return (
    <>
      <ScopeSwitch
        choice={{
          ...choice,
          choose: (id) => {
            setSelected(null);
            choice.choose(id);
          },
        }}
      />
      {renderBody()}
    </>
  );
}

/** 确认报到 (community staff): pick or scan a pending report, check its 报到证 code, confirm or 退回. */
export default function ConfirmPage() {
  return (
    <RolePage role='community_staff' className='rp-page' refused='您不是社区工作人员，不能确认报到。'>
      {(choice) => <Confirm choice={choice} />}
    </RolePage>
  );
}

import { useState } from 'react';
import {
  nextLevel,
  type Opinion,
  OPINION_LEVEL_HOLDER_LABELS,
  OPINION_LEVEL_LABELS,
  OPINION_NOTE_MAX,
  opinionReasonBodySchema,
  resolveOpinionBodySchema,
} from '@huijia/shared';
import { ReasonSheet, Sheet } from '../../../components/Sheet';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { useAction } from '../../../hooks/useAction';
import { closeOpinion, escalateOpinion, resolveOpinion } from '../../../services/opinions';
import { checkForm } from '../../../utils/form';

interface SheetProps {
  opinion: Pick<Opinion, 'id' | 'level'>;
  onDone: (opinion: Opinion) => void;
  onClose: () => void;
  /** It moved on meanwhile (409: another holder acted first): show it afresh. */
  onStale: () => void;
}

/** 办结: what was done, which the reporter and the neighbours read. */
export function ResolveSheet({ opinion, onDone, onClose, onStale }: SheetProps) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string>();
  const { busy, run } = useAction(onStale);

  const submit = async () => {
    const checked = checkForm(resolveOpinionBodySchema, { reply });
    if (!checked.ok) return setError(checked.errors.reply);
    const resolved = await run('resolve', () => resolveOpinion(opinion, checked.data.reply), { done: '已办结' });
    if (resolved) onDone(resolved);
  };

  return (
    <Sheet title='办结' submitLabel='确认办结' busy={busy !== null} onSubmit={submit} onClose={onClose}>
      <TextAreaField
        label='办理结果（反映人和社区居民会看到）'
        name='reply'
        value={reply}
        placeholder='做了什么、解决到什么程度，如：已联系市政疏通排水管，积水已排净'
        maxlength={OPINION_NOTE_MAX}
        error={error}
        disabled={busy !== null}
        onInput={(value) => {
          setReply(value);
          setError(undefined);
        }}
      />
    </Sheet>
  );
}

/** 上报: to the next level's holders, who are told, with why this level cannot resolve it. */
export function EscalateSheet({ opinion, onDone, onClose, onStale }: SheetProps) {
  const { busy, run } = useAction(onStale);
  const next = nextLevel(opinion.level);
  if (!next) return null;
  const to = OPINION_LEVEL_HOLDER_LABELS[next];
  const escalate = async (reason: string) => {
    const escalated = await run('escalate', () => escalateOpinion(opinion, reason), { done: '已上报' });
    if (escalated) onDone(escalated);
  };
  return (
    <ReasonSheet
      title={`上报${to}（${OPINION_LEVEL_LABELS[next]}）`}
      label='上报原因和本级意见'
      placeholder='本级已做了什么、为什么解决不了、建议怎么办'
      submitLabel='确认上报'
      warning={`上报后由${to}办理，本级不能再办结或关闭。`}
      schema={opinionReasonBodySchema}
      maxlength={OPINION_NOTE_MAX}
      busy={busy !== null}
      onSubmit={escalate}
      onClose={onClose}
    />
  );
}

/** 关闭 (a duplicate, not a matter for us): final, so asked once more before it is sent. */
export function CloseSheet({ opinion, onDone, onClose, onStale }: SheetProps) {
  const { busy, run } = useAction(onStale);
  const close = async (reason: string) => {
    const closed = await run('close', () => closeOpinion(opinion, reason), {
      ask: { title: '关闭民情', content: '关闭后这条民情不再办理，也不能重新打开。确定关闭吗？', confirmText: '关闭' },
      done: '已关闭',
    });
    if (closed) onDone(closed);
  };
  return (
    <ReasonSheet
      title='关闭民情'
      label='关闭原因（反映人会看到）'
      placeholder='如：与已办理的民情重复；不属于社区和街道职责，已告知反映人向有关部门反映'
      submitLabel='确认关闭'
      warning='关闭是最终的：不再办理，也不能重新打开。能解决的请「办结」，本级解决不了的请「上报」。'
      schema={opinionReasonBodySchema}
      maxlength={OPINION_NOTE_MAX}
      busy={busy !== null}
      onSubmit={close}
      onClose={onClose}
    />
  );
}

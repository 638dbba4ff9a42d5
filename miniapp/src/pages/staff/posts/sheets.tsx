import { useState } from 'react';
import { type Post, type Seat } from '@huijia/shared';
import { FormField } from '../../../components/FormField';
import { RatingStars } from '../../../components/wish/RatingStars';
import { Sheet } from '../../../components/Sheet';
import { TextAreaField } from '../../../components/wish/TextAreaField';

/** 修改名额: never below the seats taken (the server answers 409 CAPACITY_BELOW_SEATS). */
export function CapacitySheet({ post, busy, onSubmit, onClose }: { post: Post; busy: boolean; onSubmit: (capacity: number) => void; onClose: () => void }) {
  const [value, setValue] = useState(String(post.capacity));
  const [error, setError] = useState<string>();
  const submit = () => {
    const capacity = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || capacity < 1 || capacity > 500) return setError('名额为 1 到 500 的整数');
    onSubmit(capacity);
  };
  return (
    <Sheet title={`修改「${post.title}」名额`} submitLabel='保存名额' busy={busy} onSubmit={submit} onClose={onClose}>
      <FormField
        label='名额'
        name='capacity'
        value={value}
        placeholder='可认领的人数'
        hint={`已有 ${post.seatsTaken} 人认岗，名额不能少于这个数`}
        maxlength={3}
        error={error}
        disabled={busy}
        onInput={(v) => {
          setValue(v);
          setError(undefined);
        }}
      />
    </Sheet>
  );
}

/** 评岗: 1-5 stars and an optional comment on a holder. */
export function EvaluateSheet({ holder, busy, onSubmit, onClose }: { holder: Seat; busy: boolean; onSubmit: (score: number, comment: string) => void; onClose: () => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Sheet title={`评价${holder.memberName}的履岗情况`} submitLabel='提交评价' busy={busy} submitDisabled={score === 0} onSubmit={() => onSubmit(score, comment)} onClose={onClose}>
      <RatingStars value={score} onChange={setScore} disabled={busy} />
      <TextAreaField label='评价（选填）' name='comment' value={comment} placeholder='履岗情况、群众反映' maxlength={300} disabled={busy} onInput={setComment} />
    </Sheet>
  );
}

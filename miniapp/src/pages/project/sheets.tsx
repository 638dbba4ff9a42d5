import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Project, type ProjectClaimOption, rateProjectBodySchema } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { Sheet } from '../../components/Sheet';
import { RatingStars } from '../../components/wish/RatingStars';
import { TextAreaField } from '../../components/wish/TextAreaField';
import { useAction } from '../../hooks/useAction';
import { rateProject } from '../../services/projects';
import { checkForm, type FieldErrors } from '../../utils/form';
import { claimOptionText } from './describe';

/** 认领 with several capacities to claim in: one button each (认领为 XX单位 / XX志愿服务队 / 个人). */
export function ClaimSheet({ options, busy, onPick, onClose }: {
  options: readonly ProjectClaimOption[];
  busy: boolean;
  onPick: (option: ProjectClaimOption) => void;
  onClose: () => void;
}) {
  return (
    <Sheet title='选择认领身份' busy={busy} onClose={onClose}>
      <Text className='wish-sheet__warning'>认领后由您选择的单位、队伍或您本人负责实施，发布进展并报告完成。</Text>
      {options.map((option) => (
        <View key={`${option.as}:${option.unitId ?? option.teamId ?? ''}`} className='proj-options__item'>
          <ActionButton variant='plain' disabled={busy} onClick={() => onPick(option)}>
            {claimOptionText(option)}
          </ActionButton>
        </View>
      ))}
      <View className='proj-options__item'>
        <ActionButton variant='quiet' disabled={busy} onClick={onClose}>
          取消
        </ActionButton>
      </View>
    </Sheet>
  );
}

const COMMENT_MAX = 200;

/** 评价: 1-5 stars and a comment, once; the lead and the community read it. */
export function RateSheet({ project, onDone, onClose, onStale }: {
  project: Pick<Project, 'id' | 'title'>;
  onDone: (project: Project) => void;
  onClose: () => void;
  onStale: () => void;
}) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'stars' | 'comment'>>({});
  const { busy, run } = useAction(onStale);

  const submit = async () => {
    const checked = checkForm(rateProjectBodySchema, { stars, comment: comment.trim() || undefined });
    if (!checked.ok) return setErrors(checked.errors);
    const rated = await run('rate', () => rateProject(project.id, checked.data), { done: '感谢您的评价' });
    if (rated) onDone(rated);
  };

  return (
    <Sheet title='评价项目' submitLabel='提交评价' busy={busy !== null} onSubmit={() => void submit()} onClose={onClose}>
      <View className={`field${errors.stars ? ' field--invalid' : ''}`}>
        <Text className='field__label'>{`您对「${project.title}」满意吗`}</Text>
        <RatingStars
          value={stars}
          disabled={busy !== null}
          onChange={(value) => {
            setStars(value);
            setErrors((current) => ({ ...current, stars: undefined }));
          }}
        />
        {errors.stars && <Text className='field__error'>{errors.stars}</Text>}
      </View>
      <TextAreaField
        label='评价（选填）'
        name='comment'
        value={comment}
        placeholder='说说项目给社区带来的变化'
        maxlength={COMMENT_MAX}
        error={errors.comment}
        disabled={busy !== null}
        onInput={(value) => {
          setComment(value);
          setErrors((current) => ({ ...current, comment: undefined }));
        }}
      />
    </Sheet>
  );
}

/** Said when another lead claimed it first: a toast, then the page shows it as it is now. */
export function sayAlreadyClaimed(message: string): void {
  Taro.showToast({ title: message || '该项目已被认领', icon: 'none', duration: 3000 });
}

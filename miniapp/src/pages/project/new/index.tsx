import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect } from 'react';
import { chinaToday, PROJECT_CATEGORIES, PROJECT_CATEGORY_LABELS, PROJECT_TITLE_MAX } from '@huijia/shared';
import { ActionButton } from '../../../components/ActionButton';
import { FormField } from '../../../components/FormField';
import { RolePage } from '../../../components/ScopedPage';
import { ScopeSwitch } from '../../../components/ScopeSwitch';
import { PickerField } from '../../../components/service/PickerField';
import { Chips } from '../../../components/wish/Chips';
import { ResourceChips } from '../../../components/wish/ResourceChips';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { WishRow } from '../../../components/wish/WishCard';
import { useForm } from '../../../hooks/useForm';
import { useFormDraft } from '../../../hooks/useFormDraft';
import type { ScopeChoice } from '../../../hooks/useScope';
import { publishProject } from '../../../services/projects';
import { projectDetailUrl } from '../../../subpackages/projects';
import { toastDone } from '../../../utils/toast';
import { blankProject, isBlank, type ProjectFormValues, projectDrafts } from './draft';
import { checkProject, fieldId, PROJECT_FIELDS, type ProjectField, serverErrors } from './form';
import '../../../components/wish/wish.css';
import '../project.css';

const DESCRIPTION_MAX = 2000;
const CATEGORY_OPTIONS = PROJECT_CATEGORIES.map((value) => ({ value, label: PROJECT_CATEGORY_LABELS[value] }));

/** Where the field stands on the page, for scrolling to its error. */
function Anchor({ field, children }: { field: ProjectField; children: ReactNode }) {
  return <View id={fieldId(field)}>{children}</View>;
}

function ProjectForm({ choice }: { choice: ScopeChoice }) {
  const community = choice.current;
  const draft = useFormDraft(projectDrafts, choice.draftOwner);
  const { values, change, errors, refuse, formError, sending, send } = useForm<ProjectFormValues, ProjectField>(() => draft.restored ?? blankProject(), PROJECT_FIELDS, fieldId);

  useEffect(() => {
    draft.keep(isBlank(values) ? null : values);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the draft's helpers are new on each render
  }, [values]);

  const submit = () => {
    const checked = checkProject(values, community.id);
    if (!checked.ok) return refuse(checked.errors);
    void send(
      async () => {
        const project = await publishProject(checked.data);
        draft.done();
        toastDone('已发布，等待认领');
        Taro.redirectTo({ url: projectDetailUrl(project.id) });
      },
      serverErrors,
      '发布失败，请稍后重试',
    );
  };

  return (
    <>
      <View className='card'>
        <WishRow label='发布社区' value={community.name} />
        <Anchor field='category'>
          <View className={`field${errors.category ? ' field--invalid' : ''}`}>
            <Text className='field__label'>项目类别</Text>
            <Chips label='项目类别' options={CATEGORY_OPTIONS} value={values.category} disabled={sending} onChange={(category) => change({ category }, ['category'])} />
            {errors.category && <Text className='field__error'>{errors.category}</Text>}
          </View>
        </Anchor>
        <Anchor field='title'>
          <FormField
            label='项目名称'
            name='title'
            value={values.title}
            placeholder='如：老旧小区楼道灯具更换'
            maxlength={PROJECT_TITLE_MAX}
            counted
            error={errors.title}
            disabled={sending}
            onInput={(title) => change({ title }, ['title'])}
          />
        </Anchor>
        <Anchor field='description'>
          <TextAreaField
            label='项目内容'
            name='description'
            value={values.description}
            placeholder='要做什么、在哪里、做到什么程度，如：为龙津社区 12 栋老旧楼房更换楼道声控灯'
            maxlength={DESCRIPTION_MAX}
            error={errors.description}
            disabled={sending}
            onInput={(description) => change({ description }, ['description'])}
          />
        </Anchor>
      </View>

      <View className='card'>
        <Anchor field='needs'>
          <ResourceChips label='所需资源' value={values.needs} error={errors.needs} disabled={sending} onChange={(needs) => change({ needs }, ['needs'])} />
        </Anchor>
        <Anchor field='dueOn'>
          <PickerField
            mode='date'
            label='完成期限'
            placeholder='请选择完成日期'
            value={values.dueOn}
            start={chinaToday()}
            error={errors.dueOn}
            disabled={sending}
            onChange={(dueOn) => change({ dueOn }, ['dueOn'])}
          />
        </Anchor>
        <Text className='card__hint'>发布后，结对单位、志愿服务队、党代表和报到党员可以认领；由一方负责实施，完成后由社区验收。</Text>
      </View>

      <View className='wish-submit'>
        {formError && <Text className='wish-form-error'>{formError}</Text>}
        <ActionButton busy={sending} onClick={submit}>
          发布项目
        </ActionButton>
      </View>
    </>
  );
}

/** 发布项目 (community staff): a project the community packages for a lead to claim and carry out. */
export default function PublishProjectPage() {
  return (
    <RolePage role='community_staff' className='wish-page' refused='项目由社区工作人员发布。'>
      {(choice) => (
        <>
          <ScopeSwitch choice={choice} />
          <ProjectForm key={choice.current.id} choice={choice} />
        </>
      )}
    </RolePage>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { type Project, PROJECT_PHOTOS_MAX, projectUpdateBodySchema } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { PhotoPicker } from '../../components/wish/PhotoPicker';
import { TextAreaField } from '../../components/wish/TextAreaField';
import { usePhotoUploads } from '../../components/wish/usePhotoUploads';
import { confirmStep, showActionFailure } from '../../hooks/useAction';
import { completeProject, postProjectUpdate } from '../../services/projects';
import type { ProjectUpdateMode } from '../../subpackages/projects';
import { checkForm, type FieldErrors, fieldErrorsOf } from '../../utils/form';
import { toastDone } from '../../utils/toast';
import '../../components/wish/wish.css';
import './project.css';

const CONTENT_MAX = 1000;
type Field = 'content' | 'photoIds';

const TEXTS: Record<ProjectUpdateMode, { label: string; placeholder: string; submit: string; done: string; hint: string }> = {
  progress: {
    label: '进展内容',
    placeholder: '做了什么、到了哪一步，如：已完成 3 栋楼道的灯具更换，下周更换 5 栋',
    submit: '发布进展',
    done: '已发布',
    hint: '进展会出现在项目进程里，社区和居民都能看到。',
  },
  complete: {
    label: '完成情况',
    placeholder: '项目做了什么、成效如何，如：共更换楼道灯具 48 盏，受益居民 300 余户',
    submit: '报告完成',
    done: '已报告完成，等待社区验收',
    hint: '报告完成后由社区验收；验收通过项目完成，未达要求会退回整改。',
  },
};

interface UpdateFormProps {
  project: Pick<Project, 'id' | 'title'>;
  mode: ProjectUpdateMode;
  /** Sent: the project as it is now. */
  onDone: (project: Project) => void;
  /** It moved on meanwhile (409): the form is no longer the step to take. */
  onStale: () => void;
}

/**
 * The lead's words and photos on a project: a progress update (发布进展), or the report that it is
 * done (报告完成, asked once more). Photos are uploaded as they are chosen; the form sends their ids.
 */
export function UpdateForm({ project, mode, onDone, onStale }: UpdateFormProps) {
  const texts = TEXTS[mode];
  const [content, setContent] = useState('');
  const uploads = usePhotoUploads([], PROJECT_PHOTOS_MAX);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [sending, setSending] = useState(false);
  const running = useRef(false);

  const submit = async () => {
    if (running.current) return;
    const found: FieldErrors<Field> = {};
    if (uploads.uploading) found.photoIds = '照片还在上传，请稍候';
    if (uploads.failed) found.photoIds = '有照片上传失败，请重试或删除';
    const photoIds = uploads.photos.map((photo) => photo.id);
    const checked = checkForm(projectUpdateBodySchema, { content, photoIds: photoIds.length > 0 ? photoIds : undefined });
    if (!checked.ok) Object.assign(found, { content: checked.errors.content, photoIds: found.photoIds ?? checked.errors.photoIds });
    if (!checked.ok || found.content || found.photoIds) {
      setErrors(found);
      Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    running.current = true;
    try {
      if (mode === 'complete') {
        const go = await confirmStep({ title: '报告完成', content: `报告「${project.title}」已完成？社区将进行验收。`, confirmText: '报告完成' });
        if (!go) return;
      }
      setSending(true);
      const send = mode === 'complete' ? completeProject : postProjectUpdate;
      const changed = await send(project.id, checked.data);
      toastDone(texts.done);
      onDone(changed);
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error, ['content', 'photoIds'] as const);
      if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
      else await showActionFailure(error, onStale);
    } finally {
      running.current = false;
      setSending(false);
    }
  };

  return (
    <>
      <View className='card'>
        <Text className='card__title'>{project.title}</Text>
        <TextAreaField
          label={texts.label}
          name='content'
          value={content}
          placeholder={texts.placeholder}
          maxlength={CONTENT_MAX}
          error={errors.content}
          disabled={sending}
          onInput={(value) => {
            setContent(value);
            setErrors((current) => ({ ...current, content: undefined }));
          }}
        />
        <PhotoPicker label='现场照片（选填）' uploads={uploads} disabled={sending} error={errors.photoIds} />
        <Text className='card__hint'>{texts.hint}</Text>
      </View>
      <View className='wish-submit'>
        <ActionButton busy={sending} onClick={() => void submit()}>
          {texts.submit}
        </ActionButton>
      </View>
    </>
  );
}

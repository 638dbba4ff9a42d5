import Taro from '@tarojs/taro';
import { useState } from 'react';
import { fulfilWishBodySchema, type Wish } from '@huijia/shared';
import { Sheet } from '../../../components/Sheet';
import { PhotoPicker } from '../../../components/wish/PhotoPicker';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
import { useAction } from '../../../hooks/useAction';
import { ApiError } from '../../../services/api';
import { fulfilWish } from '../../../services/wishes';
import { checkForm, type FieldErrors } from '../../../utils/form';

interface FulfilSheetProps {
  wishId: string;
  onDone: (wish: Wish) => void;
  onClose: () => void;
  onStale: () => void;
}

/** 完成心愿: the claimant says what was done, with photos as evidence, for the resident to confirm. */
export function FulfilSheet({ wishId, onDone, onClose, onStale }: FulfilSheetProps) {
  const [note, setNote] = useState('');
  const uploads = usePhotoUploads();
  const [errors, setErrors] = useState<FieldErrors<'note' | 'photoIds'>>({});
  const action = useAction(onStale);
  const busy = action.busy !== null;

  const submit = async () => {
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) return setErrors({ photoIds: '有照片上传失败，请点击重试或删除' });
    const photoIds = uploads.photos.map((photo) => photo.id);
    const checked = checkForm(fulfilWishBodySchema, { note, photoIds });
    if (!checked.ok) return setErrors(checked.errors);
    const sent = await action.run('fulfil', () =>
      fulfilWish(wishId, checked.data.note, photoIds).catch((failure: unknown) => {
        // A photo the server no longer has: said beside the photos, to remove and choose again.
        if (!(failure instanceof ApiError && failure.code === 'UPLOAD_NOT_FOUND')) throw failure;
        setErrors({ photoIds: failure.message });
        return null;
      }),
    );
    if (!sent) return;
    Taro.showToast({ title: '已提交，等待居民确认', icon: 'none' });
    onDone(sent);
  };

  return (
    <Sheet title='完成心愿' submitLabel='提交完成情况' busy={busy} submitDisabled={uploads.uploading} onSubmit={submit} onClose={onClose}>
      <TextAreaField
        label='完成情况'
        name='note'
        value={note}
        placeholder='做了什么、什么时候完成的'
        maxlength={1000}
        error={errors.note}
        disabled={busy}
        onInput={(value) => {
          setNote(value);
          setErrors((current) => ({ ...current, note: undefined }));
        }}
      />
      <PhotoPicker label='现场照片（选填）' uploads={uploads} disabled={busy} error={errors.photoIds} />
    </Sheet>
  );
}

import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { fulfilWishBodySchema, type Wish } from '@huijia/shared';
import { isStale, showActionFailure } from '../../../components/wish/actions';
import { PhotoPicker } from '../../../components/wish/PhotoPicker';
import { Sheet } from '../../../components/wish/Sheet';
import { TextAreaField } from '../../../components/wish/TextAreaField';
import { usePhotoUploads } from '../../../components/wish/usePhotoUploads';
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
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const submit = async () => {
    if (running.current) return;
    if (uploads.uploading) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' });
      return;
    }
    if (uploads.failed) return setErrors({ photoIds: '有照片上传失败，请点击重试或删除' });
    const photoIds = uploads.photos.map((photo) => photo.id);
    const checked = checkForm(fulfilWishBodySchema, { note, photoIds });
    if (!checked.ok) return setErrors(checked.errors);
    running.current = true;
    setBusy(true);
    try {
      const wish = await fulfilWish(wishId, checked.data.note, photoIds);
      Taro.showToast({ title: '已提交，等待居民确认', icon: 'none' });
      onDone(wish);
    } catch (failure) {
      running.current = false;
      setBusy(false);
      if (failure instanceof ApiError && failure.code === 'UPLOAD_NOT_FOUND') {
        return setErrors({ photoIds: failure.message });
      }
      if (isStale(failure)) onClose();
      await showActionFailure(failure, onStale);
    }
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

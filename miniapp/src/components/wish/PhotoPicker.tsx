import { Image, Text, View } from '@tarojs/components';
import { buttonAria, control } from '../../utils/a11y';
import { RemotePhoto } from './PhotoGrid';
import type { PhotoUploads } from './usePhotoUploads';
import './wish.css';

interface PhotoPickerProps {
  label: string;
  uploads: PhotoUploads;
  /** The limit shown: by default the one `usePhotoUploads` enforces. */
  max?: number;
  disabled?: boolean;
  error?: string;
}

/** Chosen photos with their upload progress, a remove button each, and a tile to add more. */
export function PhotoPicker({ label, uploads, max = uploads.max, disabled = false, error }: PhotoPickerProps) {
  const { items } = uploads;
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className='field__label'>{`${label}（${items.length}/${max}）`}</Text>
      <View className='wish-photos'>
        {items.map((item) => (
          <View key={item.key} className='wish-photo'>
            {item.chosen ? (
              <Image className='wish-photo__image' src={item.chosen.path} mode='aspectFill' />
            ) : (
              item.photo && <RemotePhoto url={item.photo.url} />
            )}
            {!item.photo && (
              <View
                className={`wish-photo__overlay${item.failed ? ' wish-photo__overlay--failed' : ''}`}
                onClick={item.failed ? () => uploads.retry(item.key) : undefined}
              >
                <Text className='wish-photo__note'>
                  {item.failed ? `${item.failed}，点击重试` : `上传中 ${item.progress}%`}
                </Text>
              </View>
            )}
            {!disabled && (
              <View
                className='wish-photo__remove'
                onClick={() => uploads.remove(item.key)}
                {...control('button', { 'aria-label': '删除照片' })}
              >
                <Text>×</Text>
              </View>
            )}
          </View>
        ))}
        {items.length < max && !disabled && (
          <View className='wish-photo wish-photo--add' onClick={uploads.choose} {...buttonAria()}>
            <Text className='wish-photo__plus'>+</Text>
            <Text className='wish-photo__note'>添加照片</Text>
          </View>
        )}
      </View>
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Photo } from '@huijia/shared';
import { photoSource } from '../../services/uploads';
import { buttonAria } from '../../utils/a11y';
import './wish.css';

type Source = { kind: 'loading' } | { kind: 'ready'; src: string } | { kind: 'failed' };

/** A photo the server keeps (`/api/uploads/:id`), downloaded with the session's token. */
export function RemotePhoto({ url, onOpen }: { url: string; onOpen?: (src: string) => void }) {
  const [source, setSource] = useState<Source>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setSource({ kind: 'loading' });
    photoSource(url).then(
      (src) => live && setSource({ kind: 'ready', src }),
      () => live && setSource({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [url, attempt]);

  if (source.kind === 'ready') {
    return (
      <Image
        className='wish-photo__image'
        src={source.src}
        mode='aspectFill'
        onClick={() => onOpen?.(source.src)}
        {...(onOpen ? buttonAria() : {})}
      />
    );
  }
  return (
    <View
      className='wish-photo__placeholder'
      onClick={source.kind === 'failed' ? () => setAttempt((n) => n + 1) : undefined}
    >
      <Text className='wish-photo__note'>{source.kind === 'failed' ? '加载失败，点击重试' : '加载中…'}</Text>
    </View>
  );
}

/** Photos of a wish or of its evidence, three to a row; tapping one opens them full screen. */
export function PhotoGrid({ photos }: { photos: readonly Photo[] }) {
  if (photos.length === 0) return null;
  const open = async (current: string) => {
    // Only those already downloaded; the rest would show blank.
    const sources = await Promise.all(photos.map((p) => photoSource(p.url).catch(() => null)));
    const urls = sources.filter((src): src is string => src !== null);
    Taro.previewImage({ current, urls }).catch(() => undefined);
  };
  return (
    <View className='wish-photos'>
      {photos.map((photo) => (
        <View key={photo.id} className='wish-photo'>
          <RemotePhoto url={photo.url} onOpen={open} />
        </View>
      ))}
    </View>
  );
}

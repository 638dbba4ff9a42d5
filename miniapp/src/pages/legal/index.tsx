import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { Page } from '../../components/Page';
import { LEGAL_TEXT, LEGAL_TITLES, type LegalDocument } from './documents';
import './index.css';

/** 用户协议 (`?doc=terms`) or 隐私政策 (`?doc=privacy`): readable before signing in. */
export default function LegalPage() {
  const doc: LegalDocument = useRouter().params.doc === 'terms' ? 'terms' : 'privacy';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: LEGAL_TITLES[doc] }).catch(() => undefined);
  }, [doc]);
  return (
    <Page>
      <View className='card legal'>
        <Text className='legal__title'>{LEGAL_TITLES[doc]}</Text>
        {LEGAL_TEXT[doc].map((part) => (
          <View key={part.heading} className='legal__part'>
            <Text className='legal__heading'>{part.heading}</Text>
            <Text className='legal__body'>{part.body}</Text>
          </View>
        ))}
      </View>
    </Page>
  );
}

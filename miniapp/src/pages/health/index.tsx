import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../components/ActionButton';
import { type HealthState, useHealth } from '../../hooks/useHealth';
import { Page } from '../../components/Page';
import './index.css';

type Tone = 'pending' | 'ok' | 'bad';

interface StatusView {
  tone: Tone;
  headline: string;
  detail?: string;
  canRetry: boolean;
}

function describe(state: HealthState): StatusView {
  switch (state.kind) {
    case 'loading':
      return { tone: 'pending', headline: '正在连接服务…', canRetry: false };
    case 'failed':
      return { tone: 'bad', headline: state.message, canRetry: true };
    case 'ready': {
      const { status, db } = state.value;
      return {
        tone: status === 'ok' ? 'ok' : 'bad',
        headline: status === 'ok' ? '服务正常' : '服务暂不可用',
        detail: db === 'ok' ? '数据库正常' : '数据库连接异常',
        canRetry: status !== 'ok',
      };
    }
  }
}

/** 关于 / 服务状态: whether the API and its database answer. Needs no sign-in. */
export default function Health() {
  const { state, retry } = useHealth();
  const view = describe(state);

  return (
    <Page>
      <View className='hero'>
        <Text className='hero__title'>回家</Text>
        <Text className='hero__intro'>在职党员回社区报到、认领微心愿与服务岗位</Text>
      </View>

      <View className='card'>
        <Text className='status-card__label'>服务状态</Text>
        <View className={`health-status health-status--${view.tone}`}>
          <View className='health-status__dot' />
          <Text className='health-status__text'>{view.headline}</Text>
        </View>
        {view.detail && <Text className='status-card__detail'>{view.detail}</Text>}
        {view.canRetry && (
          <ActionButton className='status-card__retry' onClick={retry}>
            重试
          </ActionButton>
        )}
      </View>
    </Page>
  );
}

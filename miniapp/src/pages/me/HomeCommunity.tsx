import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { OrgNode } from '@huijia/shared';
import { ActionButton } from '../../components/ActionButton';
import { CommunityPicker } from '../../components/CommunityPicker';
import { useRemote } from '../../hooks/useRemote';
import { getOrg } from '../../services/orgs';
import { type SaveMe, trySave } from './save';
import './index.css';

interface HomeCommunityProps {
  communityId: string | null;
  onSave: SaveMe;
}

/** 所在社区: where the user lives, which decides where their wishes and reports go. */
export function HomeCommunity({ communityId, onSave }: HomeCommunityProps) {
  const community = useRemote(communityId ? () => getOrg(communityId) : null, [communityId]);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);

  const pick = async (node: OrgNode) => {
    setSaving(true);
    if (await trySave(() => onSave({ homeCommunityId: node.id }))) setPicking(false);
    setSaving(false);
  };

  const renderName = () => {
    if (!communityId) return <Text className='me-row__value me-row__value--empty'>未设置</Text>;
    switch (community.state.kind) {
      case 'loading':
        return <Text className='me-row__value'>正在加载…</Text>;
      case 'failed':
        return (
          <Text className='me-row__value link' onClick={community.retry}>
            加载失败，点此重试
          </Text>
        );
      case 'ready':
        return <Text className='me-row__value me-community'>{community.state.value.name}</Text>;
    }
  };

  return (
    <View className='card'>
      <Text className='card__title'>所在社区</Text>
      <Text className='card__hint'>您居住的社区，发布心愿和社区报到时使用</Text>
      <View className='me-row'>
        {renderName()}
        <ActionButton variant='plain' small onClick={() => setPicking(true)}>
          {communityId ? '更换' : '选择社区'}
        </ActionButton>
      </View>
      {picking && (
        <CommunityPicker
          currentId={communityId}
          saving={saving}
          onPick={pick}
          onClose={() => setPicking(false)}
        />
      )}
    </View>
  );
}

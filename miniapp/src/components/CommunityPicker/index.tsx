import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { childKindOf, ORG_KIND_LABELS, type OrgNode } from '@huijia/shared';
import { useRemote } from '../../hooks/useRemote';
import { getRootOrg, listOrgChildren } from '../../services/orgs';
import { buttonAria } from '../../utils/a11y';
import { ActionButton } from '../ActionButton';
import { Empty, Failed, Loading } from '../LoadState';
import './index.css';

interface CommunityPickerProps {
  /** The community already chosen, marked in the list. */
  currentId: string | null;
  saving: boolean;
  onPick: (community: OrgNode) => void;
  onClose: () => void;
}

/**
 * Walks the organisation tree from the city down (区/县 → 街道 → 社区), one level per tap, and
 * offers the chosen community for saving.
 */
export function CommunityPicker({ currentId, saving, onPick, onClose }: CommunityPickerProps) {
  // The sheet covers the page; on h5 the tab bar is drawn above pages and would cover its buttons.
  useEffect(() => {
    Taro.hideTabBar({ animation: false }).catch(() => undefined);
    return () => {
      Taro.showTabBar({ animation: false }).catch(() => undefined);
    };
  }, []);

  const root = useRemote(getRootOrg, []);
  // The nodes opened below the root, in order.
  const [trail, setTrail] = useState<OrgNode[]>([]);
  const [selected, setSelected] = useState<OrgNode | null>(null);

  const rootNode = root.state.kind === 'ready' ? root.state.value : null;
  const parent = trail[trail.length - 1] ?? rootNode;
  const children = useRemote(parent ? () => listOrgChildren(parent.id) : null, [parent?.id]);
  const childKind = parent ? childKindOf(parent.kind) : null;

  const openLevel = (nodes: OrgNode[]) => {
    setTrail(nodes);
    setSelected(null);
  };

  const choose = (node: OrgNode) => {
    if (node.kind === 'community') setSelected(node);
    else if (childKindOf(node.kind)) openLevel([...trail, node]);
  };

  const renderList = () => {
    if (root.state.kind === 'failed') {
      return <Failed inline message={root.state.message} onRetry={root.retry} />;
    }
    if (!parent || children.state.kind === 'loading') return <Loading inline />;
    if (children.state.kind === 'failed') {
      return <Failed inline message={children.state.message} onRetry={children.retry} />;
    }
    const label = childKind ? ORG_KIND_LABELS[childKind] : '下级';
    if (children.state.value.length === 0) {
      return <Empty inline text={`该${ORG_KIND_LABELS[parent.kind]}下暂无${label}`} />;
    }
    const markOf = (node: OrgNode) => {
      if (node.kind !== 'community') return '›';
      if (node.id === selected?.id) return '已选';
      return node.id === currentId ? '当前' : '';
    };
    return children.state.value.map((node) => {
      const isSelected = selected?.id === node.id;
      return (
        <View
          key={node.id}
          className={`picker__item${isSelected ? ' picker__item--selected' : ''}`}
          onClick={() => choose(node)}
          {...buttonAria()}
        >
          <Text className='picker__name'>{node.name}</Text>
          <Text className='picker__mark'>{markOf(node)}</Text>
        </View>
      );
    });
  };

  return (
    <View className='picker' catchMove>
      <View className='picker__mask' onClick={saving ? undefined : onClose} />
      <View className='picker__sheet'>
        <Text className='picker__title'>选择所在社区</Text>
        <View className='picker__trail'>
          {rootNode && (
            <Text className='picker__crumb' onClick={() => openLevel([])} {...buttonAria()}>
              {rootNode.name}
            </Text>
          )}
          {trail.map((node, index) => (
            <Text
              key={node.id}
              className='picker__crumb'
              onClick={() => openLevel(trail.slice(0, index + 1))}
              {...buttonAria()}
            >
              {` › ${node.name}`}
            </Text>
          ))}
        </View>
        {childKind && <Text className='picker__hint'>{`请选择${ORG_KIND_LABELS[childKind]}`}</Text>}
        <ScrollView className='picker__list' scrollY>
          {renderList()}
        </ScrollView>
        <View className='picker__actions'>
          <ActionButton
            variant='quiet'
            className='picker__action'
            disabled={saving}
            onClick={onClose}
          >
            取消
          </ActionButton>
          <ActionButton
            className='picker__action'
            disabled={!selected}
            busy={saving}
            onClick={() => selected && onPick(selected)}
          >
            保存
          </ActionButton>
        </View>
      </View>
    </View>
  );
}

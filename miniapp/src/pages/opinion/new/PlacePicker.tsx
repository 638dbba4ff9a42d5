import { Text, View } from '@tarojs/components';
import type { OrgNode } from '@huijia/shared';
import { PickerField } from '../../../components/service/PickerField';
import { useRemote } from '../../../hooks/useRemote';
import { listOrgChildren } from '../../../services/orgs';
import { buttonAria } from '../../../utils/a11y';

const NONE = '不指定';

/** The live children of a node of one kind (小区 of a community, 楼栋 of a 小区). */
async function placesUnder(id: string, kind: OrgNode['kind']): Promise<OrgNode[]> {
  const children = await listOrgChildren(id);
  return children.filter((node) => node.kind === kind && node.archivedAt === null);
}

interface LevelProps {
  /** 小区 or 楼栋. */
  what: string;
  parentId: string;
  kind: OrgNode['kind'];
  value: string | null;
  disabled: boolean;
  onChange: (id: string | null) => void;
}

/** One level of the place: a list to pick from, its loading, its failure with 重试; nothing when there is none. */
function PlaceLevel({ what, parentId, kind, value, disabled, onChange }: LevelProps) {
  const places = useRemote(() => placesUnder(parentId, kind), [parentId, kind]);
  const label = `${what}（选填）`;
  if (places.state.kind === 'failed') {
    return (
      <View className='field'>
        <Text className='field__label'>{label}</Text>
        <Text className='link opinion-place__retry' onClick={places.retry} {...buttonAria()}>
          {`${what}列表加载失败，点击重试`}
        </Text>
      </View>
    );
  }
  if (places.state.kind === 'loading') {
    return <PickerField mode='selector' label={label} placeholder='加载中…' options={[]} index={-1} disabled onChange={() => undefined} />;
  }
  const list = places.state.value;
  if (list.length === 0) return null;
  const index = list.findIndex((node) => node.id === value);
  return (
    <PickerField
      mode='selector'
      label={label}
      placeholder={NONE}
      options={[NONE, ...list.map((node) => node.name)]}
      index={index + 1}
      disabled={disabled}
      onChange={(picked) => onChange(picked > 0 ? (list[picked - 1]?.id ?? null) : null)}
    />
  );
}

interface PlacePickerProps {
  communityId: string;
  compoundId: string | null;
  buildingId: string | null;
  disabled: boolean;
  onChange: (compoundId: string | null, buildingId: string | null) => void;
}

/** 小区 and 楼栋 of the community, both optional: where exactly the problem is. */
export function PlacePicker({ communityId, compoundId, buildingId, disabled, onChange }: PlacePickerProps) {
  return (
    <>
      <PlaceLevel
        what='小区'
        parentId={communityId}
        kind='compound'
        value={compoundId}
        disabled={disabled}
        onChange={(id) => onChange(id, null)}
      />
      {compoundId && (
        <PlaceLevel
          what='楼栋'
          parentId={compoundId}
          kind='building'
          value={buildingId}
          disabled={disabled}
          onChange={(id) => onChange(compoundId, id)}
        />
      )}
    </>
  );
}

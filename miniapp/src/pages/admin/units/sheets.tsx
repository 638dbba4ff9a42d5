import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { createUnitBodySchema, type OrgNode, type Unit, type UnitSummary, updateUnitBodySchema } from '@huijia/shared';
import type { Place } from '../../../components/admin/scope';
import { RenameSheet } from '../../../components/admin/RenameSheet';
import { ErrorNote, NodeBrowser, useSubmit } from '../../../components/admin/ui';
import { FormField } from '../../../components/FormField';
import { Sheet } from '../../../components/Sheet';
import { createUnit, renameUnit, setUnitCommunities } from '../../../services/units';
import { checkboxAria } from '../../../utils/a11y';
import { checkForm } from '../../../utils/form';

/**
 * 结对社区: the communities chosen (tap one to take it off), and the caller's subtree to pick more
 * from, one level per tap.
 */
function CommunityChooser({ root, chosen, onChange }: { root: OrgNode; chosen: Place[]; onChange: (chosen: Place[]) => void }) {
  const [trail, setTrail] = useState<OrgNode[]>([root]);
  const isChosen = (id: string) => chosen.some((place) => place.id === id);
  const toggle = (place: Place) => onChange(isChosen(place.id) ? chosen.filter((p) => p.id !== place.id) : [...chosen, { id: place.id, name: place.name }]);
  return (
    <View>
      <Text className='field__label'>{chosen.length > 0 ? `已选 ${chosen.length} 个社区（点一下取消）` : '还没有选择结对社区'}</Text>
      {chosen.length > 0 && (
        <View className='adm-chips'>
          {chosen.map((place) => (
            <View key={place.id} className='wish-chip wish-chip--on' onClick={() => toggle(place)} {...checkboxAria(true)}>
              <Text>{`${place.name} ×`}</Text>
            </View>
          ))}
        </View>
      )}
      <NodeBrowser
        roots={[root]}
        trail={trail}
        onTrail={setTrail}
        pickable={(node) => node.kind === 'community'}
        picked={(node) => isChosen(node.id)}
        onPick={toggle}
      />
    </View>
  );
}

/** 新建单位: its name and, optionally, the communities it pairs with, under the node the page shows. */
export function CreateUnitSheet({ root, onDone, onClose }: { root: OrgNode; onDone: (unit: Unit) => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [chosen, setChosen] = useState<Place[]>([]);
  const { busy, error, submit } = useSubmit();
  const send = () => {
    const checked = checkForm(createUnitBodySchema, { name, pairedCommunityIds: chosen.map((place) => place.id), orgId: root.id });
    if (!checked.ok) return setNameError(checked.errors.name ?? checked.errors.pairedCommunityIds);
    void submit(async () => onDone(await createUnit(checked.data)));
  };
  return (
    <Sheet title='新建单位' submitLabel='新建单位' busy={busy} onSubmit={send} onClose={onClose}>
      <ErrorNote message={error} />
      <FormField
        label='单位名称'
        name='unitName'
        value={name}
        placeholder='例如：新罗区人民医院'
        maxlength={60}
        error={nameError}
        disabled={busy}
        onInput={(value) => {
          setName(value);
          setNameError(undefined);
        }}
      />
      <CommunityChooser root={root} chosen={chosen} onChange={setChosen} />
    </Sheet>
  );
}

/** 重命名单位. */
export const RenameUnitSheet = ({ unit, onDone, onClose }: { unit: UnitSummary; onDone: (unit: Unit) => void; onClose: () => void }) => (
  <RenameSheet
    current={unit.name}
    label='单位名称'
    field='unitName'
    placeholder='请输入单位名称'
    schema={updateUnitBodySchema}
    rename={(name) => renameUnit(unit.id, name)}
    onDone={onDone}
    onClose={onClose}
  />
);

/** 结对社区 of a unit (结对共建): all of them at once, added and taken off. */
export function CommunitiesSheet({ unit, root, onDone, onClose }: { unit: UnitSummary; root: OrgNode; onDone: (unit: Unit) => void; onClose: () => void }) {
  const [chosen, setChosen] = useState<Place[]>(unit.pairedCommunities);
  const { busy, error, submit } = useSubmit();
  const send = () => void submit(async () => onDone(await setUnitCommunities(unit.id, chosen.map((place) => place.id))));
  return (
    <Sheet title={`「${unit.name}」的结对社区`} submitLabel='保存' busy={busy} onSubmit={send} onClose={onClose}>
      <ErrorNote message={error} />
      <CommunityChooser root={root} chosen={chosen} onChange={setChosen} />
    </Sheet>
  );
}

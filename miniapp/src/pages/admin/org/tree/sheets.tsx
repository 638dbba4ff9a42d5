import { Text } from '@tarojs/components';
import { useState } from 'react';
import {
  archiveOrgBodySchema,
  childKindsOf,
  createOrgBodySchema,
  ORG_KIND_LABELS,
  ORG_KINDS,
  type OrgKind,
  type OrgNode,
  renameOrgBodySchema,
} from '@huijia/shared';
import { mayMoveUnder } from '../../../../components/admin/scope';
import { RenameSheet } from '../../../../components/admin/RenameSheet';
import { ErrorNote, NodeBrowser, useSubmit } from '../../../../components/admin/ui';
import { FormField } from '../../../../components/FormField';
import { Sheet } from '../../../../components/Sheet';
import { Chips } from '../../../../components/wish/Chips';
import { TextAreaField } from '../../../../components/wish/TextAreaField';
import { archiveOrg, createOrg, moveOrg, renameOrg } from '../../../../services/orgs';
import { checkForm } from '../../../../utils/form';
import { aria } from '../../../../utils/a11y';

interface SheetProps<T> {
  onDone: (answer: T) => void;
  onClose: () => void;
}

/** 新建下级: its kind (a city may hold districts or streets) and its name. */
export function CreateSheet({ parent, onDone, onClose }: SheetProps<OrgNode> & { parent: OrgNode }) {
  const kinds = childKindsOf(parent.kind);
  const [kind, setKind] = useState<OrgKind>(kinds[0]!);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const { busy, error, submit } = useSubmit();
  const send = () => {
    const checked = checkForm(createOrgBodySchema, { parentId: parent.id, kind, name });
    if (!checked.ok) return setNameError(checked.errors.name ?? checked.errors.kind);
    void submit(async () => onDone(await createOrg(checked.data)));
  };
  return (
    <Sheet title={`在「${parent.name}」下新建`} submitLabel='新建' busy={busy} onSubmit={send} onClose={onClose}>
      {kinds.length > 1 && (
        <Chips label='层级' options={kinds.map((value) => ({ value, label: ORG_KIND_LABELS[value] }))} value={kind} onChange={setKind} disabled={busy} />
      )}
      <ErrorNote message={error} />
      <FormField
        label={`${ORG_KIND_LABELS[kind]}名称`}
        name='name'
        value={name}
        placeholder={`请输入${ORG_KIND_LABELS[kind]}名称`}
        maxlength={60}
        error={nameError}
        disabled={busy}
        onInput={(value) => {
          setName(value);
          setNameError(undefined);
        }}
        onConfirm={send}
      />
    </Sheet>
  );
}

/** 重命名. */
export const RenameNodeSheet = ({ node, onDone, onClose }: SheetProps<OrgNode> & { node: OrgNode }) => (
  <RenameSheet
    current={node.name}
    label='新名称'
    field='name'
    placeholder='请输入新名称'
    schema={renameOrgBodySchema}
    rename={(name) => renameOrg(node.id, name)}
    onDone={onDone}
    onClose={onClose}
  />
);

/** The kinds of node that may hold `kind`: where a node of it may be moved. */
function parentKindsText(kind: OrgKind): string {
  return ORG_KINDS.filter((parent) => childKindsOf(parent).includes(kind))
    .map((parent) => ORG_KIND_LABELS[parent])
    .join('或');
}

/**
 * 移动: browse the caller's subtree to the new parent, starting where the node sits now. Answers
 * the moved node and the trail down to its new parent.
 */
export function MoveSheet({
  node,
  roots,
  from,
  onDone,
  onClose,
}: SheetProps<{ node: OrgNode; parents: OrgNode[] }> & { node: OrgNode; roots: readonly OrgNode[]; from: readonly OrgNode[] }) {
  const [trail, setTrail] = useState<OrgNode[]>(() => (from.length > 0 ? [...from] : [roots[0]!]));
  const target = trail[trail.length - 1]!;
  const fits = mayMoveUnder(node, target) && !target.archivedAt;
  const { busy, error, submit } = useSubmit();
  const send = () => void submit(async () => onDone({ node: await moveOrg(node.id, target.id), parents: trail }));
  return (
    <Sheet title={`移动「${node.name}」`} submitLabel='移到这里' submitDisabled={!fits} busy={busy} onSubmit={send} onClose={onClose}>
      <Text className='card__hint'>{`打开新的上级${parentKindsText(node.kind)}，再点「移到这里」。下级节点随之移动，已有记录和统计保留。`}</Text>
      <ErrorNote message={error} />
      <NodeBrowser roots={roots} trail={trail} onTrail={setTrail} hidden={(child) => child.id === node.id} />
      <Text className='adm-note adm-gap' {...aria({ role: 'status' })}>
        {fits ? `将移到${ORG_KIND_LABELS[target.kind]}「${target.name}」下` : `「${target.name}」不能作为${node.name}的上级`}
      </Text>
    </Sheet>
  );
}

/**
 * 停用, the confirmation itself: what it does, and a reason that is required. A node with claims
 * still running is refused (ORG_HAS_LIVE_WORK), said here in the server's words.
 */
export function ArchiveSheet({ node, onDone, onClose }: SheetProps<OrgNode> & { node: OrgNode }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const { busy, error, submit } = useSubmit();
  const send = () => {
    const checked = checkForm(archiveOrgBodySchema, { reason });
    if (!checked.ok) return setReasonError(checked.errors.reason);
    void submit(async () => onDone(await archiveOrg(node.id, checked.data.reason)));
  };
  return (
    <Sheet title={`停用「${node.name}」`} submitLabel='确认停用' busy={busy} onSubmit={send} onClose={onClose}>
      <Text className='wish-sheet__warning'>
        {`停用后，${node.name}及其全部下级不再接受新的心愿、岗位和报到；已有的记录和统计都保留，之后可以恢复。`}
      </Text>
      <ErrorNote message={error} />
      <TextAreaField
        label='停用原因（必填）'
        name='reason'
        value={reason}
        placeholder='例如：社区合并、撤销建制'
        maxlength={200}
        error={reasonError}
        disabled={busy}
        onInput={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
      />
    </Sheet>
  );
}

import { Text, View } from '@tarojs/components';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { type Me, ORG_KIND_LABELS, type OrgNode } from '@huijia/shared';
import { useMe } from '../../hooks/useMe';
import type { Remote } from '../../hooks/useRemote';
import { useRemote } from '../../hooks/useRemote';
import { isSessionEnded } from '../../services/api';
import { listOrgChildren } from '../../services/orgs';
import { aria, buttonAria, checkboxAria } from '../../utils/a11y';
import { messageOf } from '../../utils/form';
import { Empty, Failed, Loaded, Loading } from '../LoadState';
import { Page } from '../Page';
import { Chips } from '../wish/Chips';
import './admin.css';

/** An admin page: shown once the signed-in user is known to hold a role it is for, else why not. */
export function AdminPage({
  className,
  allowed,
  refused,
  children,
}: {
  className?: string;
  allowed: (me: Me) => boolean;
  /** Said to someone the page is not for: why, and what to do. */
  refused: string;
  children: (me: Me) => ReactNode;
}) {
  const { state, reload } = useMe();
  const guarded: Remote<Me | null> = state.kind === 'ready' ? { kind: 'ready', value: allowed(state.value) ? state.value : null } : state;
  return (
    <Page className={className}>
      <Loaded state={guarded} onRetry={reload} missing={<Empty text={refused} />}>
        {children}
      </Loaded>
    </Page>
  );
}

/**
 * A form in a sheet sent once at a time: `busy` while it runs, and its failure kept in `error`
 * (the server's Chinese message), to be shown inside the sheet rather than in a passing toast.
 */
export function useSubmit(): {
  busy: boolean;
  error: string;
  setError: (message: string) => void;
  submit: (act: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  const submit = useCallback(async (act: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      await act();
    } catch (failure) {
      if (!isSessionEnded(failure)) setError(messageOf(failure, '操作失败，请稍后重试'));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, submit };
}

/** A failure said inside a card or sheet, in the server's words. */
export function ErrorNote({ message }: { message: string }) {
  if (!message) return null;
  return (
    <Text className='adm-error' {...aria({ role: 'alert' })}>
      {message}
    </Text>
  );
}

/** 已停用 beside an archived node's name. */
export function ArchivedTag({ node }: { node: Pick<OrgNode, 'archivedAt'> }) {
  return node.archivedAt ? <Text className='adm-tag adm-tag--off'>已停用</Text> : null;
}

/** Breadcrumbs: each node but the last opens the trail up to it. */
export function Trail({ trail, onOpen }: { trail: readonly OrgNode[]; onOpen: (length: number) => void }) {
  return (
    <View className='adm-trail' {...aria({ role: 'navigation', 'aria-label': '所在位置' })}>
      {trail.map((node, index) => {
        const here = index === trail.length - 1;
        return (
          <View key={node.id} className='adm-trail__step'>
            {index > 0 && <Text className='adm-trail__sep'>›</Text>}
            <Text
              className={`adm-trail__crumb${here ? ' adm-trail__crumb--here' : ''}`}
              {...(here ? {} : { onClick: () => onOpen(index + 1), ...buttonAria() })}
            >
              {node.name}
            </Text>
          </View>
        );
      })}
    </View>
  );
}

interface NodeBrowserProps {
  /** The nodes the caller may work from (their own); the trail starts at one of them. */
  roots: readonly OrgNode[];
  trail: readonly OrgNode[];
  onTrail: (trail: OrgNode[]) => void;
  /** A child that is picked when tapped (a community for a unit) rather than opened. */
  pickable?: (node: OrgNode) => boolean;
  picked?: (node: OrgNode) => boolean;
  onPick?: (node: OrgNode) => void;
  /** Children not offered at all (the node being moved). */
  hidden?: (node: OrgNode) => boolean;
}

/**
 * Walks the caller's subtree inside a sheet, one level per tap: breadcrumbs, then the children of
 * the last node. Leaves (buildings) are not opened; archived nodes are shown but never picked.
 */
export function NodeBrowser({ roots, trail, onTrail, pickable, picked, onPick, hidden }: NodeBrowserProps) {
  const current = trail[trail.length - 1]!;
  const children = useRemote(() => listOrgChildren(current.id), [current.id]);

  const renderList = () => {
    if (children.state.kind === 'loading') return <Loading inline />;
    if (children.state.kind === 'failed') return <Failed inline message={children.state.message} onRetry={children.retry} />;
    const shown = children.state.value.filter((node) => !hidden?.(node));
    if (shown.length === 0) return <Empty inline text={`「${current.name}」下没有下级`} />;
    return shown.map((node) => {
      const asPick = pickable?.(node) ?? false;
      const on = asPick && (picked?.(node) ?? false);
      const opens = !asPick && node.kind !== 'building';
      const tap = asPick ? (node.archivedAt ? undefined : () => onPick?.(node)) : opens ? () => onTrail([...trail, node]) : undefined;
      const role = asPick ? checkboxAria(on) : opens ? buttonAria() : {};
      return (
        <View
          key={node.id}
          className={`adm-browser__item${on ? ' adm-browser__item--on' : ''}`}
          onClick={tap}
          {...role}
          {...(asPick || opens ? aria({ 'aria-label': `${node.name}${node.archivedAt ? ' 已停用' : ''}` }) : {})}
        >
          <Text className='adm-browser__name'>{node.name}</Text>
          <ArchivedTag node={node} />
          {/* Said by the checkbox's state, or by being a button: hidden from screen readers. */}
          <Text className='adm-browser__mark' {...aria({ 'aria-hidden': 'true' })}>
            {asPick ? (on ? '已选' : node.archivedAt ? '' : '选择') : opens ? '›' : ''}
          </Text>
        </View>
      );
    });
  };

  return (
    <View className='adm-browser'>
      {roots.length > 1 && (
        <Chips
          label='从哪一级开始'
          options={roots.map((root) => ({ value: root.id, label: root.name }))}
          value={trail[0]?.id ?? null}
          onChange={(id) => {
            const root = roots.find((node) => node.id === id);
            if (root) onTrail([root]);
          }}
        />
      )}
      <Trail trail={trail} onOpen={(length) => onTrail(trail.slice(0, length))} />
      <Text className='card__hint'>{`${ORG_KIND_LABELS[current.kind]}「${current.name}」的下级`}</Text>
      <View className='adm-browser__list'>{renderList()}</View>
    </View>
  );
}

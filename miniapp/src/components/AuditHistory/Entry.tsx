import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '@huijia/shared';
import { buttonAria, control } from '../../utils/a11y';
import { formatTime } from '../../utils/time';
import { actorName, detailLines, objectLabel, objectUrl, stateChange } from './describe';
import './index.css';

interface AuditEntryViewProps {
  entry: AuditEntry;
  /** Tapping the actor's name narrows the trail to them (the node's trail); without it the name is plain. */
  onActor?: (actor: { id: string; name: string }) => void;
  /** The object it was done to, with a link to its page (the node's trail; an object's own history needs none). */
  showObject?: boolean;
}

/** One row of the audit trail: what was done, when, by whom, to what, and what else was recorded. */
export function AuditEntryView({ entry, onActor, showObject = false }: AuditEntryViewProps) {
  const change = stateChange(entry);
  const lines = detailLines(entry.details);
  const url = showObject ? objectUrl(entry) : null;
  const actor = entry.actor;
  return (
    <View className='audit-entry'>
      <View className='audit-entry__head'>
        <Text className='audit-entry__label'>{entry.label}</Text>
        <Text className='audit-entry__time'>{formatTime(entry.at)}</Text>
      </View>
      <View className='audit-entry__meta'>
        {actor && onActor ? (
          <Text
            className='audit-entry__actor link'
            onClick={() => onActor(actor)}
            {...control('button', { 'aria-label': `只看${actor.name}的操作` })}
          >
            {actor.name}
          </Text>
        ) : (
          <Text className='audit-entry__actor'>{actorName(entry)}</Text>
        )}
        {showObject && <Text className='audit-entry__object'>{objectLabel(entry)}</Text>}
        {url && (
          <Text className='audit-entry__open link' onClick={() => void Taro.navigateTo({ url })} {...buttonAria()}>
            查看 ›
          </Text>
        )}
      </View>
      {change && <Text className='audit-entry__change'>{change}</Text>}
      {lines.map((line) => (
        <Text key={line} className='audit-entry__detail'>
          {line}
        </Text>
      ))}
    </View>
  );
}

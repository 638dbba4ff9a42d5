import { Text, View } from '@tarojs/components';
import { PROJECT_EVENT_LABELS, type ProjectEvent } from '@huijia/shared';
import { PhotoGrid } from '../../components/wish/PhotoGrid';
import { formatTime } from '../../utils/time';
import '../../components/Steps/index.css';
import './project.css';

/** Steps aside or back: sent back, handed back, withdrawn. */
const ASIDE: ReadonlySet<ProjectEvent['kind']> = new Set(['sent_back', 'handed_back', 'withdrawn']);

/** What happened on a project, oldest first: who, when, the lead's words and photos. Residents read it too. */
export function Timeline({ events }: { events: readonly ProjectEvent[] }) {
  return (
    <View className='card'>
      <Text className='card__title'>项目进程</Text>
      {events.length === 0 ? (
        <Text className='card__hint'>暂无记录</Text>
      ) : (
        <View className='steps'>
          {events.map((event) => (
            <View key={event.id} className={`step${ASIDE.has(event.kind) ? ' step--aside' : ''}`}>
              <View className='step__head'>
                <Text className='step__what'>{PROJECT_EVENT_LABELS[event.kind]}</Text>
                <Text className='step__time'>{formatTime(event.at)}</Text>
              </View>
              <Text className='step__who'>{event.byName}</Text>
              {event.content && <Text className='step__note'>{event.content}</Text>}
              <PhotoGrid photos={event.photos} />
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

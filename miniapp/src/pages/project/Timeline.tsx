import { Text, View } from '@tarojs/components';
import { PROJECT_EVENT_LABELS, type ProjectEvent } from '@huijia/shared';
import { PhotoGrid } from '../../components/wish/PhotoGrid';
import { formatTime } from '../../utils/time';
import './project.css';

/** What happened on a project, oldest first: who, when, the lead's words and photos. Residents read it too. */
export function Timeline({ events }: { events: readonly ProjectEvent[] }) {
  return (
    <View className='card'>
      <Text className='card__title'>项目进程</Text>
      {events.length === 0 ? (
        <Text className='card__hint'>暂无记录</Text>
      ) : (
        <View className='proj-events'>
          {events.map((event) => (
            <View key={event.id} className={`proj-event proj-event--${event.kind}`}>
              <View className='proj-event__head'>
                <Text className='proj-event__what'>{PROJECT_EVENT_LABELS[event.kind]}</Text>
                <Text className='proj-event__time'>{formatTime(event.at)}</Text>
              </View>
              <Text className='proj-event__who'>{event.byName}</Text>
              {event.content && <Text className='proj-event__note'>{event.content}</Text>}
              <PhotoGrid photos={event.photos} />
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

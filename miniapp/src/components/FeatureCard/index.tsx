import { Text, View } from '@tarojs/components';
import { buttonAria } from '../../utils/a11y';
import './index.css';

interface FeatureCardProps {
  title: string;
  description: string;
  /** What tapping does; without it the card says plainly that the feature is not built yet. */
  action?: { label: string; onOpen: () => void };
}

/** One entry of a home section. */
export function FeatureCard({ title, description, action }: FeatureCardProps) {
  return (
    <View
      className={`feature ${action ? 'feature--open' : 'feature--soon'}`}
      onClick={action?.onOpen}
      {...(action ? buttonAria() : {})}
    >
      <View className='feature__head'>
        <Text className='feature__title'>{title}</Text>
        {action ? (
          <Text className='feature__go'>{action.label} ›</Text>
        ) : (
          <Text className='feature__badge'>即将上线</Text>
        )}
      </View>
      <Text className='feature__desc'>{description}</Text>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { aria, control } from '../../utils/a11y';
import './wish.css';

const STARS = [1, 2, 3, 4, 5] as const;

interface RatingStarsProps {
  value: number;
  /** Given: the stars are tappable (a 1-5 choice); without it they only show the rating. */
  onChange?: (rating: number) => void;
  disabled?: boolean;
}

/** 1-5 stars: the resident's rating of the help received. */
export function RatingStars({ value, onChange, disabled = false }: RatingStarsProps) {
  const editable = Boolean(onChange);
  return (
    <View
      className={`wish-stars${editable ? ' wish-stars--input' : ''}`}
      {...aria({ role: editable ? 'radiogroup' : 'img', 'aria-label': `${value} 分` })}
    >
      {STARS.map((star) => (
        <Text
          key={star}
          className={`wish-star${star <= value ? ' wish-star--on' : ''}`}
          onClick={editable && !disabled ? () => onChange?.(star) : undefined}
          {...(editable ? control('radio', { 'aria-checked': star === value, 'aria-label': `${star} 分` }) : {})}
        >
          {star <= value ? '★' : '☆'}
        </Text>
      ))}
      {value > 0 && <Text className='wish-stars__score'>{`${value} 分`}</Text>}
    </View>
  );
}

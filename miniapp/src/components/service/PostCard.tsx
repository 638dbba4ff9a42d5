import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PIONEER_ROLE_LABELS, type Post } from '@huijia/shared';
import { buttonAria } from '../../utils/a11y';
import { WishRow } from '../wish/WishCard';
import '../wish/wish.css';
import './service.css';

/** 剩余 1 个名额 while seats are free, else 已满; 已关闭 when the post is closed. */
export function SeatsTag({ post }: { post: Post }) {
  if (post.status === 'closed') return <Text className='svc-tag svc-tag--closed'>已关闭</Text>;
  const left = post.capacity - post.seatsTaken;
  return (
    <Text className={`svc-tag ${left <= 0 ? 'svc-tag--full' : 'svc-tag--open'}`}>
      {left <= 0 ? `已满（${post.capacity} 人）` : `剩余 ${left} 个名额`}
    </Text>
  );
}

interface PostCardProps {
  post: Post;
  /** Tapping the summary opens the post's detail (the member's lists). */
  onOpen?: () => void;
  children?: ReactNode;
}

/** A post in a list: title, seats, pioneer role, schedule and place. */
export function PostCard({ post, onOpen, children }: PostCardProps) {
  return (
    <View className='card wish-card svc-post'>
      <View className='wish-card__summary' onClick={onOpen} {...(onOpen ? buttonAria() : {})}>
        <View className='wish-card__head'>
          <Text className='wish-card__title'>{post.title}</Text>
          <SeatsTag post={post} />
        </View>
        <View className='wish-card__meta'>
          <Text className='wish-card__role'>{PIONEER_ROLE_LABELS[post.pioneerRole]}</Text>
          {post.mySeat && <Text className='svc-mine'>我已认岗</Text>}
        </View>
        <WishRow label='服务时间' value={post.schedule} />
        <WishRow label='服务地点' value={post.location} />
      </View>
      {children}
    </View>
  );
}

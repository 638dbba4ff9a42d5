import type { ReactNode } from 'react';
import { type Scope, type ScopeChoice, type ScopedRole, useReportedCommunity, useRoleScope } from '../../hooks/useScope';
import { Empty, Loaded } from '../LoadState';
import { Page } from '../Page';

interface ScopedPageProps<T> {
  className?: string;
  /** Said to someone the page is not for: why, and what to do. */
  refused: string;
  children: (scope: T) => ReactNode;
}

/** A staff or admin page: shown once it is known where the user holds `role`, else why it is not. */
export function RolePage({ role, className, refused, children }: ScopedPageProps<ScopeChoice> & { role: ScopedRole }) {
  const { state, reload } = useRoleScope(role);
  return (
    <Page className={className}>
      <Loaded state={state} onRetry={reload} missing={<Empty text={refused} />}>
        {children}
      </Loaded>
    </Page>
  );
}

/** A member's page about their community: shown once their report there is confirmed. */
export function CommunityPage({ className, refused, children }: ScopedPageProps<Scope>) {
  const { state, reload } = useReportedCommunity();
  return (
    <Page className={className}>
      <Loaded state={state} onRetry={reload} missing={<Empty text={refused} />}>
        {children}
      </Loaded>
    </Page>
  );
}

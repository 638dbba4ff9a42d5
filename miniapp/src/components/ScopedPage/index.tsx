import type { ReactNode } from 'react';
import { type Scope, type ScopeChoice, type ScopedRole, useReportedCommunity, useRoleScope } from '../../hooks/useScope';
import type { Remote } from '../../hooks/useRemote';
import { Empty, Loaded } from '../LoadState';
import { Page } from '../Page';

interface ScopedPageProps<T> {
  className?: string;
  /** Said to someone the page is not for: why, and what to do. */
  refused: string;
  children: (scope: T) => ReactNode;
}

function Guarded<T>({ scope, className, refused, children }: ScopedPageProps<T> & {
  scope: { state: Remote<T | null>; reload: () => void };
}) {
  return (
    <Page className={className}>
      <Loaded state={scope.state} onRetry={scope.reload} missing={<Empty text={refused} />}>
        {children}
      </Loaded>
    </Page>
  );
}

/** A staff or admin page: shown once it is known where the user holds `role`, else why it is not. */
export function RolePage({ role, ...page }: ScopedPageProps<ScopeChoice> & { role: ScopedRole }) {
  return <Guarded scope={useRoleScope(role)} {...page} />;
}

/** A member's page about their community: shown once their report there is confirmed. */
export function CommunityPage(page: ScopedPageProps<Scope>) {
  return <Guarded scope={useReportedCommunity()} {...page} />;
}

import 'vue-router';
import type { Role } from '@shared/domain/roles.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu, breadcrumb, document title). */
    title?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** Only bureau roles (绩效办) see and open it. */
    bureauOnly?: boolean;
    /**
     * The roles that see and open it. Without it a page is the business's (any business role, the
     * bureau's with bureauOnly): the administrators and an account without a role open only pages
     * that name them (三权分立, security.md M5).
     */
    roles?: readonly Role[];
    /** Name of the route shown before this one in the breadcrumb. */
    parent?: string;
  }
}

export {};

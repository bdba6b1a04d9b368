import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu, breadcrumb, document title). */
    title?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** Only bureau roles (绩效办) see and open it. */
    bureauOnly?: boolean;
    /** Only the roles that manage accounts (bureau roles and unit leaders) see and open it. */
    accountManagers?: boolean;
    /** Name of the route shown before this one in the breadcrumb. */
    parent?: string;
  }
}

export {};

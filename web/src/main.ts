import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/theme-chalk/el-loading.css';
import './styles/index.css';
import { ElMessage } from 'element-plus';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { configureHttp } from './api/http';
import { markReauthentication } from './auth/token';
import { loadRuntimeConfig, runtimeConfig } from './config/runtime';
import { i18n } from './i18n';
import { router } from './router';
import { useSessionStore } from './stores/session';

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  const pinia = createPinia();
  const app = createApp(App).use(pinia).use(i18n);
  const session = useSessionStore(pinia);

  configureHttp({
    baseUrl: () => runtimeConfig().apiBase,
    token: () => session.token,
    onUnauthorized: (error) => {
      if (error.code === 'SESSION_ENDED' && config.auth.mode === 'oidc') markReauthentication();
      session.clear();
      const current = router.currentRoute.value;
      if (!current.meta.public) void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    },
    onError: (error) => {
      ElMessage.error(error.status === 0 ? i18n.global.t('error.network') : error.message);
    },
  });

  if (config.auth.mode === 'oidc') {
    const oidc = await import('./auth/oidc');
    if (oidc.isSilentRenewFrame()) return oidc.completeSilentRenew(config.auth);
    if (oidc.isOidcCallback()) {
      const { token, returnTo } = await oidc.completeOidcLogin(config.auth);
      session.setToken(token);
      await router.replace(returnTo);
    }
  }

  app.use(router).mount('#app');
}

start().catch((error: unknown) => {
  const box = document.getElementById('app');
  if (box) {
    box.className = 'boot-error';
    box.textContent = `绩效管理平台无法启动：${error instanceof Error ? error.message : String(error)}`;
  }
});

/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

// The local gateway (it serves /config.json and /api) when running the `vite` dev server; unset, no proxy.
const gateway = process.env.JX_API_URL;

export default defineConfig(({ mode }) => {
  // Component tests skip Element Plus CSS; a build (even one started from a test run) keeps it.
  const testing = mode === 'test';
  return {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [
    vue(),
    Components({
      dirs: [],
      dts: testing ? false : 'src/types/components.d.ts',
      resolvers: [ElementPlusResolver({ importStyle: testing ? false : 'css' })],
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@shared': fileURLToPath(new URL('../functions', import.meta.url)),
    },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: gateway ? { proxy: { '/api': gateway, '/config.json': gateway } } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['chrome87', 'edge88', 'firefox78', 'safari14'],
    // exceljs (~930 kB, loaded only when a page reads or writes .xlsx) is the one chunk above 700 kB.
    chunkSizeWarningLimit: 1000,
  },
  test: {
    name: 'web',
    environment: 'happy-dom',
    dir: fileURLToPath(new URL('../test/web', import.meta.url)),
    include: ['**/*.test.ts'],
    // A page with Element Plus dialogs takes a few seconds in happy-dom while another test file runs beside it.
    testTimeout: 15_000,
  },
};
});

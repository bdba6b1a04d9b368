// Page-level state shared by the layout: a key that re-mounts the current page to reload its data.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useAppStore = defineStore('app', () => {
  const viewKey = ref(0);
  const reloadView = () => {
    viewKey.value += 1;
  };
  return { viewKey, reloadView };
});

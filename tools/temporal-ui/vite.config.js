import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The library's peer dependencies are CommonJS-era packages; pre-bundling them keeps `vite dev` fast.
  optimizeDeps: { include: ['date-fns', 'date-fns-tz'] },
});

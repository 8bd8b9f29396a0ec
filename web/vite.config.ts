/**
 * The console's build. `npm run web:build` writes web/dist (served by the local gateway at
 * its root, by CloudFront on AWS); `npm run web:dev` serves the sources with hot reload and
 * passes /v1, /local and /config.json to a running `npm start` (ONE_LIST_API, default http://127.0.0.1:3000).
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const api = process.env.ONE_LIST_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/v1': { target: api, changeOrigin: true },
      '/local': { target: api, changeOrigin: true },
      '/config.json': { target: api, changeOrigin: true },
    },
  },
});

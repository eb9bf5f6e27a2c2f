/**
 * One Vite build for the three web apps: the storefront (served at `/`), the admin (`/admin`) and
 * the support console (`/support`). One build lets them share chunks (React, the UI kit, the API
 * client) and gives one hashed `assets/` folder. Output: dist/web/<app>/index.html, dist/web/assets/,
 * and the storefront's public files (manifest, service worker, icons) at dist/web/.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: here('./store/public'),
  plugins: [react()],
  resolve: { alias: { '@shared': here('./shared') } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      input: { store: here('./store/index.html'), admin: here('./admin/index.html'), support: here('./support/index.html') },
    },
  },
  // `npm run dev:web` serves the apps with hot reload and sends API calls to a running `npm start`.
  server: {
    proxy: Object.fromEntries(['/store/', '/admin/', '/support/', '/uploads/', '/openapi.json'].map((p) => [p, { target: 'http://127.0.0.1:3000', changeOrigin: false }])),
  },
});

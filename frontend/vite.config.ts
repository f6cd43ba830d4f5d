/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves this build at `/` (same origin as the API) and falls back to index.html for
// deep links; `/assets/*` carry content hashes, so the gateway may cache them for long.
// In development, `npm run dev` proxies the API (including SSE and the terminal WebSocket) to a
// running gateway; override its address with DEVSANCTUM_GATEWAY.
const gateway = process.env.DEVSANCTUM_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false, ws: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});

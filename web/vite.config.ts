import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console is built into web/dist and served by Weft itself at /, so the API and the console share
 * one origin and the session cookie can stay SameSite=Strict. `root` is this folder wherever vite runs.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' } },
});

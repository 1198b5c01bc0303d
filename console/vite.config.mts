import { defineConfig } from 'vite';

// Built by `npm run build` (vite build console); the API serves dist/console at /console/ (api/console-static.ts).
// JSX goes through Vite's own transform (tsconfig "jsx": "react-jsx"), so no React plugin is needed.
export default defineConfig({
  base: '/console/',
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    // The dashboard's chunk is ECharts (line and bar charts, canvas only): about 550 kB, 185 kB gzipped.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Query marks its modules "use client" for server components; a client-only bundle can ignore that.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});

/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Django serves dist/index.html at "/" and everything in dist/ under /static/app/ (see config/settings.py).
const DJANGO = "http://127.0.0.1:8000";

export default defineConfig({
  base: "/static/app/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` next to `manage.py runserver`: open http://localhost:5173/static/app/ after logging in
    // through http://localhost:5173/accounts/login/ (proxied, so the session and CSRF cookies are shared).
    proxy: {
      "/api": DJANGO,
      "/accounts": DJANGO,
      "/static/icons": DJANGO,
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});

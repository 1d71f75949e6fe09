// By file, not by package name: Tailwind loads its config through require(), and the library's
// package exports offer only `import`.
import preset from './node_modules/@temporalio/ui/dist/theme/preset.js';
import defaultTheme from 'tailwindcss/defaultTheme';

/** @type {import('tailwindcss').Config} */
export default {
  // The library's preset brings Temporal's colours and text styles; its classes live in its dist/,
  // so Tailwind must scan that too or most of the UI is unstyled.
  presets: [preset],
  content: ['./src/**/*.{html,js,svelte}', './node_modules/@temporalio/ui/dist/**/*.{js,svelte}'],
  darkMode: ['selector', '[data-theme="dark"]'],
  theme: {
    fontFamily: {
      sans: ['Inter', ...defaultTheme.fontFamily.sans],
      mono: ['Noto Sans Mono', ...defaultTheme.fontFamily.mono],
    },
    extend: {
      animation: { 'spin-slow': 'spin 3s linear infinite' },
      zIndex: { 100: '100' },
    },
  },
};

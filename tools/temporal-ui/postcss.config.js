import autoprefixer from 'autoprefixer';
import tailwindcss from 'tailwindcss';

// The library's components ship compiled CSS; only src/app.css goes through Tailwind.
export default {
  plugins: [tailwindcss(), autoprefixer()],
};

import adapter from '@sveltejs/adapter-static';

// build.sh builds into a fresh folder and renames it to build/ when the build is whole.
const out = process.env.TEMPORAL_UI_OUT || 'build';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    // A single-page app: every path that is not a file gets index.html, and the router takes over.
    adapter: adapter({ pages: out, assets: out, fallback: 'index.html' }),
    // Nothing is rendered at build time: every page needs the API, which only answers at run time.
    prerender: { entries: [] },
  },
};

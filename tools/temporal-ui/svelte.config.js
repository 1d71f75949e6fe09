import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    // A single-page app: every path that is not a file gets index.html, and the router takes over.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html' }),
    // Nothing is rendered at build time: every page needs the API, which only answers at run time.
    prerender: { entries: [] },
  },
};

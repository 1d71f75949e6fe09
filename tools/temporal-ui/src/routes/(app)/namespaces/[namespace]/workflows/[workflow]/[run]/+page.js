import { redirect } from '@sveltejs/kit';

// A run opens on its history, as the header's first tab.
export function load({ url }) {
  redirect(302, `${url.pathname}/history`);
}

import { redirect } from '@sveltejs/kit';
import { routeForWorkflows } from '@temporalio/ui/utilities/route-for';

// The site serves one thing, the workflow list of the namespace the API names as its default.
export async function load({ parent }) {
  const { settings } = await parent();
  redirect(302, routeForWorkflows({ namespace: settings.defaultNamespace }));
}

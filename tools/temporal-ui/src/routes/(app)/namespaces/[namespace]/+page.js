import { redirect } from '@sveltejs/kit';
import { routeForWorkflows } from '@temporalio/ui/utilities/route-for';

// The namespace picker links here ("go to namespace"); this site has no namespace details page,
// so the namespace's workflows stand in for it.
export function load({ params }) {
  redirect(302, routeForWorkflows({ namespace: params.namespace }));
}

import { fetchSearchAttributesForNamespace } from '@temporalio/ui/services/search-attributes-service';
import { allSearchAttributes } from '@temporalio/ui/stores/search-attributes';

// The list's search bar offers, and the query builder types, the namespace's search attributes.
export async function load({ params, parent, fetch }) {
  // The library's API paths read the settings from the page data, which the (app) layout sets.
  await parent();
  allSearchAttributes.set(await fetchSearchAttributesForNamespace(params.namespace, fetch));
}

import { error } from '@sveltejs/kit';
import { fetchCluster, fetchSystemInfo } from '@temporalio/ui/services/cluster-service';
import { fetchNamespaces } from '@temporalio/ui/services/namespaces-service';
import { fetchSettings } from '@temporalio/ui/services/settings-service';
import { clearAuthUser } from '@temporalio/ui/stores/auth-user';

// What every page of the library reads from the page data: settings (feature switches, the
// codec), the cluster's server version and the system's capabilities.
export async function load({ fetch }) {
  const settings = await fetchSettings(fetch);

  // This site has no login pages: it runs with the API's authentication off (API.md).
  if (settings.auth.enabled) error(501, 'This UI has no login: the API must answer Auth.Enabled: false');
  // A user a previous session left in local storage would have its stale token sent along.
  clearAuthUser();

  // Only the namespace picker needs these; it fills in when they arrive.
  fetchNamespaces(settings, fetch);

  const [cluster, systemInfo] = await Promise.all([
    fetchCluster(settings, fetch),
    fetchSystemInfo(settings, fetch),
  ]);
  return { settings, cluster, systemInfo };
}

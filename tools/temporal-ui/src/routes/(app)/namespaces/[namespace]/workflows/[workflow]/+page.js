import { error, redirect } from '@sveltejs/kit';
import { fetchWorkflowForRunId } from '@temporalio/ui/services/workflow-service';

// A link by workflow id alone opens its latest run.
export async function load({ url, params, parent }) {
  await parent();
  const { runId } = await fetchWorkflowForRunId({
    namespace: params.namespace,
    workflowId: params.workflow,
  });
  if (!runId) error(404, `No run of workflow ${params.workflow}`);
  redirect(302, `${url.pathname}/${runId}`);
}

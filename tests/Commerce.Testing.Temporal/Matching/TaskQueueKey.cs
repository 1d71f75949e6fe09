namespace Commerce.Testing.Temporal.Matching;

/// <summary>A task queue is named per namespace; workflow and activity tasks on the same name are separate queues.</summary>
internal readonly record struct TaskQueueKey(string Namespace, string Name);

/// <summary>Every task queue of the server, created on first use as in Temporal.</summary>
internal sealed class TaskQueues<TTask>
    where TTask : class
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TaskQueueKey, TaskQueue<TTask>> _queues = new();

    public TaskQueue<TTask> this[TaskQueueKey key] => _queues.GetOrAdd(key, static _ => new TaskQueue<TTask>());

    public void ReleaseAllPollers()
    {
        foreach (var queue in _queues.Values)
        {
            queue.ReleasePollers();
        }
    }
}

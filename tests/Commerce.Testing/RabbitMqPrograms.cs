namespace Commerce.Testing;

/// The RabbitMQ and Erlang programs a private node needs.
internal sealed record RabbitMqPrograms(string Server, string Ctl, string Epmd)
{
    /// Debian's /usr/sbin/rabbitmq-server switches to the rabbitmq user, who may not write our temp dir;
    /// the scripts it wraps, in /usr/lib/rabbitmq/bin, run as whoever calls them. Other installs put those on PATH.
    public static RabbitMqPrograms Locate()
    {
        var scripts = new[] { "/usr/lib/rabbitmq/bin" }
            .Concat(ExecutablePath.FindOnPath("rabbitmq-server") is { } onPath ? [Path.GetDirectoryName(onPath)!] : [])
            .FirstOrDefault(directory => ExecutablePath.IsExecutable(Path.Combine(directory, "rabbitmq-server")))
            ?? throw NotInstalled("rabbitmq-server was not found in /usr/lib/rabbitmq/bin or on PATH.");
        var epmd = ExecutablePath.FindOnPath("epmd")
            ?? new[] { "/usr/lib/erlang/bin/epmd" }.FirstOrDefault(ExecutablePath.IsExecutable)
            ?? throw NotInstalled("Erlang's epmd was not found on PATH or in /usr/lib/erlang/bin.");
        return new RabbitMqPrograms(Path.Combine(scripts, "rabbitmq-server"), Path.Combine(scripts, "rabbitmqctl"), epmd);
    }

    private static InvalidOperationException NotInstalled(string what) =>
        new(what + " Install RabbitMQ (Debian/Ubuntu: `apt-get install rabbitmq-server`), or set COMMERCE_TEST_RABBITMQ and "
            + "COMMERCE_TEST_RABBITMQ_MANAGEMENT to a running broker for the shared one.");
}

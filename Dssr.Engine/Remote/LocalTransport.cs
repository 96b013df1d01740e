namespace Dssr.Engine.Remote;

/// <summary>
/// Runs commands on this machine, for a Dssr installed on the cluster's login node. The command goes
/// through <c>/bin/sh -c</c> exactly as sshd hands it to the user's shell, so both transports behave alike.
/// </summary>
public sealed class LocalTransport : IRemoteShell
{
    private readonly TimeSpan _defaultTimeout;

    public LocalTransport(TimeSpan? defaultTimeout = null) => _defaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(60);

    public string Destination => "local";

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default)
    {
        var timeout = command.Timeout ?? _defaultTimeout;
        var outcome = await LocalProcess.RunAsync("/bin/sh", new[] { "-c", ShellQuoting.Join(command.Argv) },
            command.Stdin, timeout, ct).ConfigureAwait(false);
        if (outcome.TimedOut)
            throw new RemoteTimeoutException($"`{command.Display}` ran locally for more than {timeout.TotalSeconds:0.#} s and was stopped");
        return new RemoteResult(outcome.ExitCode, outcome.Stdout, outcome.Stderr, outcome.Elapsed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace Dssr.Engine.Remote;

/// <summary>
/// Runs commands on this machine, for a Dssr installed on the cluster's login node. The command goes
/// through <c>/bin/sh -c</c> exactly as sshd hands it to the user's shell, so both transports behave alike.
/// </summary>
internal sealed class LocalTransport : IRemoteShell
{
    private readonly TimeSpan _defaultTimeout;

    public LocalTransport(TimeSpan? defaultTimeout = null) => _defaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(60);

    public string Destination => "local";

    public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default) => ExecuteAsync(command, null, ct);

    /// <summary>Stdout goes to <paramref name="stdout"/> as it arrives; stderr is held and written once the command ends.</summary>
    public async Task<RemoteResult> StreamAsync(RemoteCommand command, Stream stdout, Stream? stderr = null, CancellationToken ct = default)
    {
        var result = await ExecuteAsync(command, stdout, ct).ConfigureAwait(false);
        return await result.WithStderrWrittenAsync(stderr, ct).ConfigureAwait(false);
    }

    private async Task<RemoteResult> ExecuteAsync(RemoteCommand command, Stream? stdoutSink, CancellationToken ct)
    {
        var timeout = command.Timeout ?? _defaultTimeout;
        var outcome = await LocalProcess.RunAsync("/bin/sh", new[] { "-c", ShellQuoting.Join(command.Argv) },
            command.Stdin, timeout, ct, stdoutSink: stdoutSink).ConfigureAwait(false);
        if (outcome.TimedOut)
            throw new RemoteTimeoutException($"`{command.Display}` ran locally for more than {timeout.TotalSeconds:0.#} s and was stopped");
        return new RemoteResult(outcome.ExitCode, outcome.Stdout, outcome.Stderr, outcome.Elapsed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace Dssr.Engine.Remote;

/// <summary>
/// Runs commands on a cluster's login node: over SSH (<see cref="SshNet.SshNetTransport"/> or <see cref="OpenSshTransport"/>, chosen by <see cref="TransportFactory"/>) or on this machine
/// (<see cref="LocalTransport"/>). Commands are argv lists, quoted once by <see cref="ShellQuoting"/>; scripts go on stdin.
/// </summary>
public interface IRemoteShell : IAsyncDisposable
{
    /// <summary>Where commands run, for messages: <c>user@host:port</c> or <c>local</c>.</summary>
    string Destination { get; }

    /// <summary>
    /// Runs the command and returns its exit code and output, whatever the exit code.
    /// Throws <see cref="RemoteTimeoutException"/> past the command's timeout (the command is stopped),
    /// <see cref="RemoteConnectException"/>, <see cref="RemoteAuthenticationException"/> or
    /// <see cref="HostKeyMismatchException"/> when the cluster cannot be reached safely, and
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires (the command's channel is closed).
    /// </summary>
    Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default);

    /// <summary>
    /// Runs the command and writes its stdout and stderr to the given streams as they arrive, for output too large to hold
    /// (a job's log); the result's byte arrays are empty. Failures as <see cref="RunAsync"/>. Transports that can stream override
    /// this; the default holds the output once, then copies it.
    /// </summary>
    async Task<RemoteResult> StreamAsync(RemoteCommand command, Stream stdout, Stream? stderr = null, CancellationToken ct = default)
    {
        var result = await RunAsync(command, ct).ConfigureAwait(false);
        await stdout.WriteAsync(result.StdoutBytes, ct).ConfigureAwait(false);
        if (stderr is not null) await stderr.WriteAsync(result.StderrBytes, ct).ConfigureAwait(false);
        return result with { StdoutBytes = [], StderrBytes = [] };
    }
}

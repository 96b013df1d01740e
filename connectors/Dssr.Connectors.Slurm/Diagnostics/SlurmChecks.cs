using System.Diagnostics;
using System.Net.Sockets;
using Dssr.Engine.Remote;

using Dssr.Engine.Diagnostics;

namespace Dssr.Connectors.Slurm.Diagnostics;

/// <summary>
/// The checks of the init report, in order: TCP reach, host key, SSH authentication, remote
/// <c>sinfo --version</c>, scratch dir writable, round-trip latency. A check that needs a failed one is
/// skipped, not failed again, so the first failure is the one to fix.
/// </summary>
internal static class SlurmChecks
{
    public const string Tcp = "tcp reach";
    public const string HostKey = "host key";
    public const string Authentication = "ssh authentication";
    public const string Slurm = "slurm commands";
    public const string Scratch = "scratch dir writable";
    public const string Latency = "round-trip latency";

    public static async Task<IReadOnlyList<DiagnosticCheck>> RunAsync(ShellProvider shells, CancellationToken ct = default)
    {
        var s = shells.ServiceSettings;
        var checks = new List<DiagnosticCheck>();
        var tcp = await TcpAsync(s, ct).ConfigureAwait(false);
        checks.Add(tcp);
        if (tcp.Status != CheckStatus.Pass)
            return Skip(checks, "needs a TCP connection", HostKey, Authentication, Slurm, Scratch, Latency);

        var session = await SessionAsync(shells, ct).ConfigureAwait(false);
        checks.AddRange(session);
        if (session.Any(c => c.Status != CheckStatus.Pass))
            return Skip(checks, "needs an SSH session", Slurm, Scratch, Latency);

        checks.Add(await SlurmAsync(shells, ct).ConfigureAwait(false));
        checks.Add(await ScratchAsync(shells, ct).ConfigureAwait(false));
        checks.Add(await LatencyAsync(shells, ct).ConfigureAwait(false));
        return checks;
    }

    private static async Task<DiagnosticCheck> TcpAsync(SshSettings s, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(s.ConnectTimeout);
        string reason;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(s.Host, s.Port, limit.Token).ConfigureAwait(false);
            return new DiagnosticCheck(Tcp, CheckStatus.Pass, $"{s.Host}:{s.Port} accepts connections", null, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            reason = $"no answer within {s.ConnectTimeout.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            reason = e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : e.Message;
        }
        return new DiagnosticCheck(Tcp, CheckStatus.Fail, $"{s.Host}:{s.Port}: {reason}",
            $"check JARVICE_SLURM_CLUSTER_ADDR and JARVICE_SLURM_CLUSTER_PORT, that sshd runs on {s.Host}:{s.Port}, and that no firewall blocks this machine",
            clock.ElapsedMilliseconds);
    }

    private static async Task<IReadOnlyList<DiagnosticCheck>> SessionAsync(ShellProvider shells, CancellationToken ct)
    {
        var s = shells.ServiceSettings;
        var clock = Stopwatch.StartNew();
        var expected = string.Join(" or ", shells.ServiceSession?.ExpectedFingerprints() ?? []);
        var keyDetail = "matches " + (expected.Length > 0 ? expected : s.HostKeys.Describe());
        try
        {
            await ConnectAsync(shells, ct).ConfigureAwait(false);
            if (shells.ServiceSession?.Session is { } session)
                keyDetail = $"{session.HostKeyFingerprint} {keyDetail}; {session.TransportName}, {session.Algorithms}";
            return new[]
            {
                new DiagnosticCheck(HostKey, CheckStatus.Pass, keyDetail, null, clock.ElapsedMilliseconds),
                new DiagnosticCheck(Authentication, CheckStatus.Pass, $"{s.User} logged in with {(s.PrivateKey is null ? "the service user's own keys" : "the configured key")}", null, clock.ElapsedMilliseconds),
            };
        }
        catch (HostKeyMismatchException e)
        {
            var actual = string.Join(" or ", e.Actual);
            var fix = e.Expected.Count == 0
                ? $"the host key of {s.Host}:{s.Port} is not known: once its administrators confirm {actual}, set JARVICE_SLURM_SSH_HOST_KEY={e.Actual.FirstOrDefault()} (or add it to JARVICE_SLURM_SSH_KNOWN_HOSTS)"
                : $"the host key changed: expected {string.Join(" or ", e.Expected)}, the server sent {actual}; if the cluster was re-installed, update JARVICE_SLURM_SSH_KNOWN_HOSTS or JARVICE_SLURM_SSH_HOST_KEY, otherwise treat it as an attack";
            return new[]
            {
                new DiagnosticCheck(HostKey, CheckStatus.Fail, e.Message, fix, clock.ElapsedMilliseconds),
                new DiagnosticCheck(Authentication, CheckStatus.Skipped, "skipped: the host key must match first", null, 0),
            };
        }
        catch (RemoteAuthenticationException e)
        {
            var publicKey = shells.ServiceSession is { } session ? await session.PublicKeyAsync(ct).ConfigureAwait(false) : null;
            var fix = publicKey is null
                ? $"set JARVICE_SLURM_SSH_PKEY to a private key that {s.User} on {s.Host} accepts"
                : $"add this public key to ~{s.User}/.ssh/authorized_keys on {s.Host}: {publicKey}";
            return new[]
            {
                new DiagnosticCheck(HostKey, CheckStatus.Pass, keyDetail, null, clock.ElapsedMilliseconds),
                new DiagnosticCheck(Authentication, CheckStatus.Fail, e.Message, fix, clock.ElapsedMilliseconds),
            };
        }
        catch (RemoteException e)
        {
            return new[]
            {
                new DiagnosticCheck(HostKey, CheckStatus.Fail, e.Message,
                    $"{s.Host}:{s.Port} accepts TCP but no SSH session opened: check that it is an SSH server and that JARVICE_SLURM_SSH_CONNECT_TIMEOUT is long enough",
                    clock.ElapsedMilliseconds),
                new DiagnosticCheck(Authentication, CheckStatus.Skipped, "skipped: needs an SSH session", null, 0),
            };
        }
    }

    /// <summary>Opens the service account's connection alone when its transport can; else a trivial command opens it.</summary>
    private static async Task ConnectAsync(ShellProvider shells, CancellationToken ct)
    {
        if (shells.ServiceSession is { } session) await session.ConnectAsync(ct).ConfigureAwait(false);
        else await shells.Service.RunAsync(RemoteCommand.Of("true"), ct).ConfigureAwait(false);
    }

    private static async Task<DiagnosticCheck> SlurmAsync(ShellProvider shells, CancellationToken ct)
    {
        var s = shells.ServiceSettings;
        return await RemoteCheckAsync(shells, Slurm, RemoteCommand.Of("sinfo", "--version"),
            r => r.Stdout.Trim(),
            r => $"`sinfo --version` failed for {s.User} on {s.Host} (exit {r.ExitCode}{Said(r)}): install the Slurm client commands on the login node, or put them on {s.User}'s PATH for non-interactive shells",
            ct).ConfigureAwait(false);
    }

    private static async Task<DiagnosticCheck> ScratchAsync(ShellProvider shells, CancellationToken ct)
    {
        var s = shells.ServiceSettings;
        var dir = string.IsNullOrEmpty(s.ScratchDirectory) ? "" : s.ScratchDirectory;
        var shown = dir.Length == 0 ? $"the home of {s.User}" : dir;
        // The directory comes in as $1: a value from configuration is data, never shell text.
        const string script = "d=${1:-$HOME}; test -d \"$d\" || { echo \"$d does not exist\" >&2; exit 1; }; " +
                              "t=$(mktemp \"$d/.dssr-diag.XXXXXX\") && rm -f -- \"$t\" && echo \"$d\"";
        return await RemoteCheckAsync(shells, Scratch, RemoteCommand.Of("sh", "-c", script, "sh", dir),
            r => $"{r.Stdout.Trim()} is writable",
            r => $"{shown} is not writable by {s.User} on {s.Host}{Said(r)}: create it and give {s.User} write access, or change JARVICE_JOB_SCRATCH_DIR",
            ct).ConfigureAwait(false);
    }

    private static async Task<DiagnosticCheck> LatencyAsync(ShellProvider shells, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var samples = new List<double>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var one = Stopwatch.StartNew();
                await shells.Service.RunAsync(RemoteCommand.Of("true"), ct).ConfigureAwait(false);
                samples.Add(one.Elapsed.TotalMilliseconds);
            }
        }
        catch (RemoteException e)
        {
            return new DiagnosticCheck(Latency, CheckStatus.Fail, e.Message,
                $"commands over the SSH connection to {shells.ServiceSettings.Host} fail: {e.Message}", clock.ElapsedMilliseconds);
        }
        samples.Sort();
        return new DiagnosticCheck(Latency, CheckStatus.Pass,
            $"median {samples[2]:0.0} ms per command over the connection (5 runs, max {samples[^1]:0.0} ms)", null, clock.ElapsedMilliseconds);
    }

    private static async Task<DiagnosticCheck> RemoteCheckAsync(ShellProvider shells, string name, RemoteCommand command,
        Func<RemoteResult, string> passed, Func<RemoteResult, string> fix, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var r = await shells.Service.RunAsync(command, ct).ConfigureAwait(false);
            return r.ExitCode == 0
                ? new DiagnosticCheck(name, CheckStatus.Pass, passed(r), null, clock.ElapsedMilliseconds)
                : new DiagnosticCheck(name, CheckStatus.Fail, $"exit {r.ExitCode}{Said(r)}", fix(r), clock.ElapsedMilliseconds);
        }
        catch (RemoteException e)
        {
            return new DiagnosticCheck(name, CheckStatus.Fail, e.Message, $"the command could not run: {e.Message}", clock.ElapsedMilliseconds);
        }
    }

    private static string Said(RemoteResult r)
    {
        var line = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "" : $": {line}";
    }

    private static IReadOnlyList<DiagnosticCheck> Skip(List<DiagnosticCheck> checks, string why, params string[] names)
    {
        checks.AddRange(names.Select(n => new DiagnosticCheck(n, CheckStatus.Skipped, $"skipped: {why}", null, 0)));
        return checks;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Engine.Remote;

/// <summary>
/// The system OpenSSH client, multiplexed: one master connection (ControlMaster, ControlPersist) per
/// transport, opened on first use, every command a new channel over it. A master that died is noticed
/// before the next command and opened again. The control socket, the key file and any known_hosts made
/// here live in a private 0700 folder that is removed on dispose.
/// </summary>
internal sealed partial class OpenSshTransport : ISshTransport
{
    private readonly SshSettings _settings;
    private readonly ILogger _log;
    private readonly string _ssh;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly SemaphoreSlim _sessions;
    private readonly RemotePidMarker _marker = new();
    private PrivateFolder? _folder;
    private string? _keyFile;
    private string? _knownHosts;
    private bool _knownHostsReady;
    private int _masterPid; // 0 until a master is open; read without the lock, so written atomically
    private int _disposed;

    public OpenSshTransport(SshSettings settings, ILogger? log = null, string sshProgram = "ssh")
    {
        SshArguments.Validate(settings);
        _settings = settings;
        _log = log ?? NullLogger.Instance;
        _ssh = sshProgram;
        _sessions = new SemaphoreSlim(Math.Max(1, settings.MaxSessions));
    }

    public string Destination => _settings.Destination;

    public SshSettings Settings => _settings;

    public SshTransportKind Kind => SshTransportKind.OpenSsh;

    /// <summary>The ssh client does not report what it negotiated; the host key is the one it accepted from known_hosts.</summary>
    public SshSessionInfo? Session => MasterProcessId is null ? null
        : new SshSessionInfo(SshTransportKind.OpenSsh, string.Join(" or ", ExpectedFingerprints()), null, null, null, null, null);

    private readonly OpenSshForwards _forwards = new();

    public async Task<PortForward> ForwardAsync(string remoteHost, int remotePort, ForwardListen listen = ForwardListen.Loopback, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await EnsureMasterAsync(ct).ConfigureAwait(false);
        var forward = await _forwards.OpenAsync(spec => ControlAsync("forward", spec, ct), remoteHost, remotePort, listen).ConfigureAwait(false);
        _log.LogInformation("Forward {Local} -> {Host}:{Port} through {Destination}", forward.LocalEnd, remoteHost, remotePort, Destination);
        return forward;
    }

    public Task CloseForwardAsync(PortForward forward) => _forwards.CloseAsync(forward, spec => ControlAsync("cancel", spec, CancellationToken.None));

    public IReadOnlyList<PortForward> Forwards => _forwards.List();

    /// <summary>Asks the master for a forward change (<c>ssh -O forward|cancel -L spec</c>).</summary>
    private async Task ControlAsync(string operation, string spec, CancellationToken ct)
    {
        var args = SshArguments.Common(_settings, _keyFile, _knownHosts, ControlPath!);
        args.AddRange(new[] { "-O", operation, "-L", spec, "--", _settings.Host });
        var outcome = await LocalProcess.RunAsync(_ssh, args, null, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
            throw new RemoteConnectException($"the SSH master to {Destination} refused `-O {operation} -L {spec}`: {SshFailure.LastLine(System.Text.Encoding.UTF8.GetString(outcome.Stderr))}");
    }

    /// <summary>The PID of the master connection's ssh process, once open.</summary>
    public int? MasterProcessId => Volatile.Read(ref _masterPid) is var pid and > 0 ? pid : null;

    /// <summary>The control socket; <c>ssh -S</c> on it reaches the same master.</summary>
    public string? ControlPath => _folder?.Child("cm");

    /// <summary>How many times a master connection was opened (re-opens included).</summary>
    public int MasterOpenCount { get; private set; }

    /// <summary>The options this transport gives ssh, for tools (benchmarks, diagnostics) that call ssh themselves.</summary>
    public IReadOnlyList<string> ClientArguments() =>
        SshArguments.Common(_settings, _keyFile, _knownHosts, ControlPath ?? throw new InvalidOperationException("not connected yet"));

    /// <summary>Opens the master connection now, if it is not open: checks host key and authentication.</summary>
    public Task ConnectAsync(CancellationToken ct = default) => EnsureMasterAsync(ct);

    public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default) => ExecuteAsync(command, null, ct);

    /// <summary>
    /// Stdout goes to <paramref name="stdout"/> as ssh hands it over; stderr is held (it carries the PID marker and
    /// ssh's own errors, and is small) and written once the command ends.
    /// </summary>
    public async Task<RemoteResult> StreamAsync(RemoteCommand command, Stream stdout, Stream? stderr = null, CancellationToken ct = default)
    {
        var result = await ExecuteAsync(command, stdout, ct).ConfigureAwait(false);
        return await result.WithStderrWrittenAsync(stderr, ct).ConfigureAwait(false);
    }

    private async Task<RemoteResult> ExecuteAsync(RemoteCommand command, Stream? stdoutSink, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (command.Argv.Count == 0) throw new ArgumentException("a remote command needs at least one word", nameof(command));
        await EnsureMasterAsync(ct).ConfigureAwait(false);
        var timeout = command.Timeout ?? _settings.CommandTimeout;
        await _sessions.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var args = SshArguments.Common(_settings, _keyFile, _knownHosts, ControlPath!);
            // ControlMaster=no: use the master; if it vanished just now, ssh connects on its own with the same checks.
            args.AddRange(new[] { "-o", "ControlMaster=no", "--", _settings.Host, _marker.Prefix + ShellQuoting.Join(RemoteArgv(command.Argv, timeout)) });
            _log.LogDebug("ssh {Destination} {Command}", Destination, command.Display);
            var outcome = await LocalProcess.RunAsync(_ssh, args, command.Stdin, timeout, ct, StopRemoteAsync, stdoutSink).ConfigureAwait(false);
            if (outcome.TimedOut)
                throw new RemoteTimeoutException(
                    $"`{command.Display}` on {Destination} ran for more than {timeout.TotalSeconds:0.#} s and was stopped");
            var result = new RemoteResult(outcome.ExitCode, outcome.Stdout, _marker.Strip(outcome.Stderr), outcome.Elapsed);
            // 255 is ssh's own failure; when ssh says why, name it rather than pass it off as the command's.
            if (result.ExitCode == 255)
            {
                await ThrowIfConnectionFailureAsync(result.Stderr, ct).ConfigureAwait(false);
                // A mux client whose master lost the connection says nothing; the master ending says it.
                if (await MasterEndsWithinAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false))
                    throw new RemoteConnectException($"the SSH connection to {Destination} was lost while `{command.Display}` ran");
            }
            return result;
        }
        finally
        {
            _sessions.Release();
        }
    }

    /// <summary>Signals a cancelled or timed-out command on the server, by the PID its shell reported.</summary>
    private async Task StopRemoteAsync(byte[] stderrSoFar)
    {
        if (_marker.FindPid(stderrSoFar) is not int pid) return;
        var args = SshArguments.Common(_settings, _keyFile, _knownHosts, ControlPath!);
        args.AddRange(new[] { "-o", "ControlMaster=no", "--", _settings.Host,
            ShellQuoting.Join(new[] { "kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture) }) });
        // Not through RunAsync: the session limit may be taken by the very commands being stopped.
        await LocalProcess.RunAsync(_ssh, args, null, TimeSpan.FromSeconds(3), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Closing a channel without a terminal does not stop the remote command, so the remote side gets the same
    /// limit from coreutils <c>timeout</c> (TERM, then KILL 5 s later): a timed-out command does not linger there.
    /// </summary>
    private IReadOnlyList<string> RemoteArgv(IReadOnlyList<string> argv, TimeSpan timeout)
    {
        if (!_settings.StopRemoteOnTimeout) return argv;
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var wrapped = new List<string>(argv.Count + 4) { "timeout", "-k", "5", seconds.ToString(CultureInfo.InvariantCulture) };
        wrapped.AddRange(argv);
        return wrapped;
    }

    /// <summary>Whether the master is gone now or ends within <paramref name="wait"/> (it notices a dropped connection a moment after its clients).</summary>
    private async Task<bool> MasterEndsWithinAsync(TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (MasterAlive())
        {
            if (clock.Elapsed >= wait) return false;
            await Task.Delay(20).ConfigureAwait(false);
        }
        return true;
    }

    private bool MasterAlive() =>
        MasterProcessId is int pid && ControlPath is { } socket && File.Exists(socket) && ProcessLiveness.IsAlive(pid);

    private async Task EnsureMasterAsync(CancellationToken ct)
    {
        if (MasterAlive()) return;
        await _opening.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (MasterAlive()) return;
            if (MasterProcessId is int gone)
                _log.LogWarning("SSH master connection to {Destination} (pid {Pid}) is gone; opening it again", Destination, gone);
            await OpenMasterAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task OpenMasterAsync(CancellationToken ct)
    {
        _folder ??= new PrivateFolder();
        _keyFile ??= _settings.PrivateKey?.WriteTo(_folder.Child("id"));
        if (!_knownHostsReady)
        {
            _knownHosts = await PrepareKnownHostsAsync(ct).ConfigureAwait(false);
            _knownHostsReady = true;
        }
        var socket = _folder.Child("cm");
        // A master killed with SIGKILL leaves its socket behind; a new master refuses to replace it.
        File.Delete(socket);
        var logFile = _folder.Child("master.log");
        File.Delete(logFile);

        var args = SshArguments.Common(_settings, _keyFile, _knownHosts, socket);
        args.AddRange(new[]
        {
            "-M", "-N", "-f",
            "-o", "ControlMaster=yes",
            "-o", $"ControlPersist={(int)Math.Max(1, _settings.ControlPersist.TotalSeconds)}",
            "-E", logFile,
            "--", _settings.Host,
        });
        // With -f ssh forks once authenticated and the parent exits 0; the child keeps running. The shell
        // gives it /dev/null for output so that nothing here waits on pipes the master holds.
        var viaShell = new List<string> { "-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1", _ssh };
        viaShell.AddRange(args);
        var clock = Stopwatch.StartNew();
        var limit = _settings.ConnectTimeout + TimeSpan.FromSeconds(5);
        var outcome = await LocalProcess.RunAsync("/bin/sh", viaShell, null, limit, ct).ConfigureAwait(false);
        if (outcome.ExitCode == 127)
            throw new RemoteConnectException($"the OpenSSH client `{_ssh}` is not installed here (package openssh-client)");
        if (outcome.TimedOut)
            throw new RemoteConnectException(
                $"no SSH session to {Destination} within {limit.TotalSeconds:0.#} s: the host does not answer; check the address, port and firewall");
        if (outcome.ExitCode != 0)
        {
            var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, ct).ConfigureAwait(false) : "";
            await ThrowIfConnectionFailureAsync(log, ct).ConfigureAwait(false);
            throw new RemoteConnectException($"cannot open an SSH session to {Destination}: {SshFailure.LastLine(log)}");
        }
        var pid = await MasterPidAsync(socket, ct).ConfigureAwait(false);
        Volatile.Write(ref _masterPid, pid);
        MasterOpenCount++;
        _log.LogInformation("SSH master connection to {Destination} open (pid {Pid}, {Ms} ms)",
            Destination, pid, clock.ElapsedMilliseconds);
    }

    private async Task<int> MasterPidAsync(string socket, CancellationToken ct)
    {
        var outcome = await LocalProcess.RunAsync(_ssh, new[] { "-S", socket, "-O", "check", "--", _settings.Host },
            null, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        var text = System.Text.Encoding.UTF8.GetString(outcome.Stderr) + System.Text.Encoding.UTF8.GetString(outcome.Stdout);
        var m = MasterPid().Match(text);
        if (!m.Success)
            throw new RemoteConnectException($"the SSH master connection to {Destination} did not stay up: {SshFailure.LastLine(text)}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task ThrowIfConnectionFailureAsync(string log, CancellationToken ct)
    {
        if (SshFailure.IsHostKeyChanged(log))
        {
            var actual = SshFailure.SentFingerprint(log) is { } sent ? new[] { sent } : await HostKeyScan.FingerprintsAsync(_settings, ct).ConfigureAwait(false);
            throw new HostKeyMismatchException(_settings.Host, _settings.Port, ExpectedFingerprints(), actual);
        }
        if (SshFailure.IsHostKeyUnknown(log))
            throw new HostKeyMismatchException(_settings.Host, _settings.Port, ExpectedFingerprints(),
                await HostKeyScan.FingerprintsAsync(_settings, ct).ConfigureAwait(false));
        if (SshFailure.IsAuthentication(log))
            throw new RemoteAuthenticationException(_settings.User, _settings.Host, _settings.Port,
                $"the server refused the key ({SshFailure.LastLine(log)})");
        if (log.Contains("ssh: connect to host", StringComparison.Ordinal) || log.Contains("Could not resolve", StringComparison.Ordinal)
            || log.Contains("Connection timed out", StringComparison.Ordinal) || log.Contains("Connection closed by", StringComparison.Ordinal))
            throw new RemoteConnectException($"cannot open an SSH session to {Destination}: {SshFailure.LastLine(log)}");
    }

    /// <summary>The public half of the configured key (<c>ssh-keygen -y</c>), to add to authorized_keys; null without a key.</summary>
    public async Task<string?> PublicKeyAsync(CancellationToken ct = default)
    {
        if (_keyFile is null) return null;
        var outcome = await LocalProcess.RunAsync("ssh-keygen", new[] { "-y", "-f", _keyFile }, null, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        var text = System.Text.Encoding.UTF8.GetString(outcome.Stdout).Trim();
        return outcome.ExitCode == 0 && text.Length > 0 ? text : null;
    }

    /// <summary>The host key fingerprints this transport accepts for its host: pinned, or found in the known_hosts file.</summary>
    public IReadOnlyList<string> ExpectedFingerprints()
    {
        if (_settings.HostKeys.Mode == HostKeyMode.Pinned) return new[] { _settings.HostKeys.PinnedFingerprint! };
        var file = _knownHosts ?? _settings.HostKeys.KnownHostsFile ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
        return File.Exists(file) ? HostKeyFingerprints.InKnownHosts(File.ReadAllText(file), _settings.Host, _settings.Port) : Array.Empty<string>();
    }

    private async Task<string?> PrepareKnownHostsAsync(CancellationToken ct)
    {
        var policy = _settings.HostKeys;
        switch (policy.Mode)
        {
            case HostKeyMode.KnownHostsFile:
                return policy.KnownHostsFile;
            case HostKeyMode.AcceptNew:
                // ssh cannot remember a key in a folder that does not exist, and would then trust anew each time.
                if (Path.GetDirectoryName(policy.KnownHostsFile) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
                return policy.KnownHostsFile;
            case HostKeyMode.Pinned:
                return await HostKeyScan.WritePinnedAsync(_settings, policy.PinnedFingerprint!, _folder!.Child("known_hosts"), ct).ConfigureAwait(false);
            default:
                return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            if (MasterProcessId is int pid && ControlPath is { } socket && ProcessLiveness.IsAlive(pid))
            {
                try
                {
                    await LocalProcess.RunAsync(_ssh, new[] { "-S", socket, "-O", "exit", "--", _settings.Host },
                        null, TimeSpan.FromSeconds(3), CancellationToken.None).ConfigureAwait(false);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                }
                for (var i = 0; i < 20 && ProcessLiveness.IsAlive(pid); i++) await Task.Delay(10).ConfigureAwait(false);
                if (ProcessLiveness.IsAlive(pid)) ProcessLiveness.Kill(pid);
            }
            _forwards.Dispose();
            _folder?.Dispose();
        }
        finally
        {
            _opening.Release();
        }
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex MasterPid();
}

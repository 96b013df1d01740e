using Dssr.Engine.Configuration;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Jobs;

/// <summary>
/// Keeps this replica's row in the journal fresh (its heartbeat, every <see cref="HeartbeatInterval"/>, on a
/// loop of its own so slow once-only work never makes a live replica look gone), which also keeps
/// <see cref="IJobJournal.Health"/> current while no request touches the journal, finishes a migration that
/// could not run at start, and runs the once-only work of the replica holding its lease.
/// </summary>
public sealed class JournalKeeper : IAsyncDisposable
{
    private readonly IJobJournal _journal;
    private readonly ILogger _log;
    private readonly List<OnceOnlyWork> _work = [];
    private readonly CancellationTokenSource _stop = new();
    private Func<string> _address = () => "";
    private Task? _loop;
    private Task? _beat;
    private volatile bool _down;
    private int _disposed;
    private volatile IReadOnlyList<ReplicaInfo> _replicas = [];

    public JournalKeeper(IJobJournal journal, ReplicaInfo self, ILogger log, TimeSpan? interval = null)
    {
        _journal = journal;
        Self = self;
        _log = log;
        Interval = interval ?? TimeSpan.FromSeconds(2);
    }

    public ReplicaInfo Self { get; }
    public TimeSpan Interval { get; }

    /// <summary>How often the heartbeat is written; <see cref="LeaseHolder.SilentAfter"/> is five of them.</summary>
    public static TimeSpan HeartbeatInterval { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The replicas seen in the last minute (the console's header shows them).</summary>
    public IReadOnlyList<ReplicaInfo> Replicas => _replicas;

    /// <summary>Work that must run on one replica at a time: it runs here each pass while this replica holds its lease.</summary>
    public void Add(OnceOnlyWork work) => _work.Add(work);

    /// <summary>Names of the leases this replica held on its last pass.</summary>
    public IReadOnlyCollection<string> Held => _held;
    private volatile string[] _held = [];

    public void Start(Func<string> address)
    {
        _address = address;
        Beat(); // before the first lease is asked for, so this replica is never taken for a silent one
        _beat ??= Task.Run(() => LoopAsync(HeartbeatInterval, _ => { Beat(); return Task.CompletedTask; }, _stop.Token));
        _loop ??= Task.Run(() => LoopAsync(Interval, WorkAsync, _stop.Token));
    }

    private static async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> pass, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            await pass(ct).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    /// <summary>One heartbeat and one round of once-only work (public for tests).</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        Beat();
        await WorkAsync(ct).ConfigureAwait(false);
    }

    private void Beat()
    {
        try
        {
            _journal.Heartbeat(Self with { Address = _address() });
            _replicas = _journal.Replicas(TimeSpan.FromMinutes(1));
            if (_down) _log.LogWarning("Journal ({Kind} {Location}) is reachable again", _journal.Kind, _journal.Location);
            _down = false;
        }
        catch (JournalUnavailableException e)
        {
            if (!_down) _log.LogError("{Error}", e.Message);
            _down = true;
        }
        catch (ConfigurationException e)
        {
            if (!_down) _log.LogError("{Error}", e.Message);
            _down = true;
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        if (_down)
        {
            _held = [];
            return;
        }
        try
        {
            var held = new List<string>();
            foreach (var work in _work)
            {
                if (!_journal.TryLease(work.Name, Self.Id, work.LeaseTime)) continue;
                held.Add(work.Name);
                try
                {
                    await work.RunAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogWarning("{Work} failed: {Error}", work.Name, e.Message);
                }
            }
            _held = [.. held];
        }
        catch (Exception e) when (e is JournalUnavailableException or ConfigurationException)
        {
            _held = []; // the heartbeat loop says so, once
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _beat, _loop })
        {
            if (loop is null) continue;
            try { await loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}

using Dssr.Engine.Configuration;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Jobs;

/// <summary>
/// Keeps this replica's row in the journal fresh (its heartbeat, every <see cref="Interval"/>), which
/// also keeps <see cref="IJobJournal.Health"/> current while no request touches the journal, finishes
/// a migration that could not run at start, and runs the once-only work of the replica holding its lease.
/// </summary>
public sealed class JournalKeeper : IAsyncDisposable
{
    private readonly IJobJournal _journal;
    private readonly ILogger _log;
    private readonly List<OnceOnlyWork> _work = [];
    private readonly CancellationTokenSource _stop = new();
    private Func<string> _address = () => "";
    private Task? _loop;
    private bool _down;
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
        _loop ??= Task.Run(() => LoopAsync(_stop.Token));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await PassAsync(ct).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    /// <summary>One heartbeat and one round of once-only work (public for tests).</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        try
        {
            _journal.Heartbeat(Self with { Address = _address() });
            _replicas = _journal.Replicas(TimeSpan.FromMinutes(1));
            if (_down) _log.LogWarning("Journal ({Kind} {Location}) is reachable again", _journal.Kind, _journal.Location);
            _down = false;
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
        catch (JournalUnavailableException e)
        {
            _held = [];
            if (!_down) _log.LogError("{Error}", e.Message);
            _down = true;
        }
        catch (ConfigurationException e)
        {
            _held = [];
            if (!_down) _log.LogError("{Error}", e.Message);
            _down = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}

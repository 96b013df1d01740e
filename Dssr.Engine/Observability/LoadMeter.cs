namespace Dssr.Engine.Observability;

/// <summary>
/// The load one cluster's remote commands put on it over the last 10 minutes: commands by program, the queue queries
/// (one queue listing each), and the scheduler controller's RPCs they imply (the connector names which programs
/// cost one, <see cref="ControllerCommands"/>), against a budget of queue queries per minute (default 30: one every
/// 2 s). Thread-safe; what the console's load meter, <c>dssr diag</c> and scripts read.
/// </summary>
public sealed class LoadMeter
{
    /// <summary>The name under which queue queries are counted among the programs.</summary>
    public const string QueueQuery = "queue query";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(10);
    private const int Slots = 60; // Window / Slot
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly long[] _slotOf = new long[Slots];
    private readonly Dictionary<string, int>[] _counts = Enumerable.Range(0, Slots).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();

    public LoadMeter(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>Queue queries per minute within budget (DSSR_QUEUE_BUDGET_PER_MINUTE).</summary>
    public int Budget { get; set; } = 30;

    /// <summary>The programs that each cost the scheduler's controller one RPC; the connector says which (none by default).</summary>
    public IReadOnlySet<string> ControllerCommands { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>One remote command run by <paramref name="program"/>.</summary>
    public void Record(string program, DateTimeOffset? at = null)
    {
        var slot = SlotOf(at ?? _clock.GetUtcNow());
        lock (_gate)
        {
            var i = (int)(slot % Slots);
            if (_slotOf[i] != slot)
            {
                _slotOf[i] = slot;
                _counts[i].Clear();
            }
            _counts[i][program] = _counts[i].GetValueOrDefault(program) + 1;
        }
    }

    /// <summary>One query of the cluster's queue (whatever it runs): what the budget limits.</summary>
    public void RecordQueueQuery(DateTimeOffset? at = null) => Record(QueueQuery, at);

    /// <summary>The figures now: the last minute by program, controller RPCs, queue queries for each of the last 10 minutes (oldest first).</summary>
    public LoadFigures Figures()
    {
        var now = SlotOf(_clock.GetUtcNow());
        var lastMinute = new Dictionary<string, int>(StringComparer.Ordinal);
        var window = new Dictionary<string, int>(StringComparer.Ordinal);
        var perMinute = new int[10];
        lock (_gate)
        {
            for (var s = now - Slots + 1; s <= now; s++)
            {
                var i = (int)(((s % Slots) + Slots) % Slots);
                if (_slotOf[i] != s) continue;
                var minute = (int)((s - (now - Slots + 1)) / 6);
                foreach (var (program, count) in _counts[i])
                {
                    window[program] = window.GetValueOrDefault(program) + count;
                    if (s > now - 6) lastMinute[program] = lastMinute.GetValueOrDefault(program) + count;
                    if (program == QueueQuery) perMinute[minute] += count;
                }
            }
        }
        var queries = lastMinute.GetValueOrDefault(QueueQuery);
        var controller = ControllerCommands;
        var rpcs = lastMinute.Where(kv => controller.Contains(kv.Key)).Sum(kv => kv.Value);
        return new LoadFigures(lastMinute, window, queries, rpcs, perMinute, Budget, queries > Budget);
    }

    private static long SlotOf(DateTimeOffset at) => at.UtcTicks / Slot.Ticks;
}

/// <param name="LastMinute">Remote commands (and queue queries) in the last minute, by program.</param>
/// <param name="LastTenMinutes">The same over the last 10 minutes.</param>
/// <param name="QueueQueriesPerMinute">Queue queries in the last minute.</param>
/// <param name="ControllerRpcsPerMinute">Controller RPCs the last minute's commands imply.</param>
/// <param name="QueueQuerySparkline">Queue queries in each of the last 10 minutes, oldest first (the last one is the minute in progress).</param>
/// <param name="Budget">Queue queries per minute allowed.</param>
/// <param name="OverBudget">The last minute's queue queries exceed the budget.</param>
public sealed record LoadFigures(
    IReadOnlyDictionary<string, int> LastMinute,
    IReadOnlyDictionary<string, int> LastTenMinutes,
    int QueueQueriesPerMinute,
    int ControllerRpcsPerMinute,
    IReadOnlyList<int> QueueQuerySparkline,
    int Budget,
    bool OverBudget)
{
    /// <summary>One line: <c>12 queue queries/min (budget 30), 14 controller RPC/min; last 10 min: …</c>.</summary>
    public string Summary =>
        $"{QueueQueriesPerMinute} queue queries/min (budget {Budget}{(OverBudget ? ", OVER BUDGET" : "")}), {ControllerRpcsPerMinute} controller RPC/min"
        + (LastTenMinutes.Count == 0 ? "; nothing run in the last 10 min"
            : "; last 10 min: " + string.Join(", ", LastTenMinutes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
}

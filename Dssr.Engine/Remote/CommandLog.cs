using System.Text.RegularExpressions;

namespace Dssr.Engine.Remote;

/// <summary>
/// The last remote commands the service ran (bounded, in memory), with where, how they ended and how
/// long they took: the console's job detail shows the ones that name a job.
/// </summary>
public sealed class CommandLog
{
    /// <param name="Command">The command's own words quoted as the remote shell reads them, whole (never cut).</param>
    /// <param name="Argv">The same words as a list, for anything that shows or reuses them one by one.</param>
    /// <param name="Prelude">What ran before it in the same remote command (such as <c>mkdir -p -- F</c>), or null.</param>
    /// <param name="Cluster">The cluster whose shell ran it, or null for a shell of no cluster.</param>
    /// <param name="RequestId">The upstream request that caused it (its X-Request-Id), or null for the service's own work.</param>
    public sealed record Entry(DateTimeOffset At, string Destination, string Command, int? ExitCode, string? Error, TimeSpan Elapsed,
        IReadOnlyList<string>? Argv = null, string? Prelude = null, string? Cluster = null, string? RequestId = null)
    {
        /// <summary>The program run (<c>sbatch</c>, <c>squeue</c>, …): the first word of the command.</summary>
        public string Program => Argv is [var first, ..] ? Path.GetFileName(first) : Command.Split(' ', 2)[0];
    }

    /// <summary>Called with each entry as it is added (the metrics and the load meter count them).</summary>
    public event Action<Entry>? Added;

    private readonly Queue<Entry> _entries = new();
    private readonly int _capacity;

    public CommandLog(int capacity = 5000) => _capacity = capacity;

    public void Add(Entry entry)
    {
        lock (_entries)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity) _entries.Dequeue();
        }
        Added?.Invoke(entry);
    }

    /// <summary>Every entry kept, oldest first.</summary>
    public IReadOnlyList<Entry> All()
    {
        lock (_entries) return [.. _entries];
    }

    /// <summary>The commands an upstream request caused, oldest first.</summary>
    public IReadOnlyList<Entry> OfRequest(string requestId)
    {
        lock (_entries) return _entries.Where(e => e.RequestId == requestId).ToList();
    }

    /// <summary>
    /// The commands that name any of <paramref name="needles"/> (a job id, a job name) as a whole word,
    /// not inside a longer one (job 12 is not job 120), oldest first.
    /// </summary>
    public IReadOnlyList<Entry> Mentioning(params string[] needles)
    {
        var patterns = needles.Where(n => n.Length > 0)
            .Select(n => new Regex($@"(?<![0-9A-Za-z_]){Regex.Escape(n)}(?![0-9A-Za-z_])", RegexOptions.CultureInvariant))
            .ToList();
        lock (_entries)
            return _entries.Where(e => patterns.Any(p => p.IsMatch(e.Command))).ToList();
    }
}

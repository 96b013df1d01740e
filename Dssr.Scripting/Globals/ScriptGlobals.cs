using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Scripting.Api;
using Dssr.Scripting.Formatting;

namespace Dssr.Scripting.Globals;

/// <summary>
/// The one object whose members every script sees as its own: REPL lines, <c>dssr script</c> files
/// and their <c>#load</c>ed files. It wraps the live service (the same clusters, cached queue and
/// journal the legacy API serves from), so what a script sees is what the upstream sees.
/// <para>
/// The class is partial on purpose: helpers that come with other work (<c>Ssh(…)</c> with the SSH
/// transport, <c>Render(…)</c> with job script rendering, <c>Diag()</c> with the diagnostics) are
/// added as their own <c>ScriptGlobals.*.cs</c> files, and documented in <see cref="Help"/>.
/// </para>
/// </summary>
public partial class ScriptGlobals
{
    private CancellationToken _ct;

    public ScriptGlobals(ServiceHost host, IReadOnlyList<string>? args = null, TextWriter? output = null)
    {
        Host = host;
        Clusters = new ClusterSet(host.Clusters);
        Jobs = new JobQueries(host.Journal);
        Api = LegacyApiClient.InProcess(host, () => _ct);
        Args = args ?? [];
        Out = output ?? Console.Out;
    }

    /// <summary>The running service (options, address when serving); prefer the members below.</summary>
    public ServiceHost Host { get; }

    /// <summary>Every configured cluster, as a sequence; <c>Clusters.All</c>, <c>Clusters.Default</c>.</summary>
    public ClusterSet Clusters { get; }

    /// <summary>One cluster by name; the default (the one the legacy API serves) when no name is given.</summary>
    public Engine.Clusters.Cluster Cluster(string? name = null) =>
        name is null
            ? Clusters.Default
            : Clusters.Find(name) ?? throw new ArgumentException(
                $"no cluster '{name}'; the clusters are {string.Join(", ", Clusters.All.Select(c => c.Name))}", nameof(name));

    /// <summary>The cluster's connector, for ad-hoc calls such as <c>await Connector().QueryQueueAsync(Ct)</c>.</summary>
    public IConnector Connector(string? cluster = null) => Cluster(cluster).Connector;

    /// <summary>The cached queue snapshot, shared with the legacy API (one squeue serves both).</summary>
    public Task<QueueSnapshot> Squeue(string? cluster = null) => Cluster(cluster).SnapshotAsync(Ct);

    /// <summary>Journal queries: every job Dssr accepted, with its last seen and final state.</summary>
    public JobQueries Jobs { get; }

    /// <summary>The legacy routes called as the upstream calls them: <c>await Api.Running()</c>.</summary>
    public LegacyApiClient Api { get; }

    /// <summary>The arguments after the script's path in <c>dssr script FILE.csx [args…]</c>; empty in the REPL.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>Cancelled when the operator presses Ctrl+C; pass it to anything that waits.</summary>
    public CancellationToken Ct => _ct;

    /// <summary>The last evaluation's full exception and value (the REPL shows them shortened).</summary>
    public LastEvaluation Last { get; } = new();

    /// <summary>Where <see cref="Print"/> writes: the REPL's output, or stdout for <c>dssr script</c>.</summary>
    public TextWriter Out { get; private set; }

    /// <summary>Writes a value as the REPL shows results: records and lists as tables.</summary>
    public void Print(object? value) => Out.WriteLine(ResultFormatter.Format(value, FormatLimits.Default));

    /// <summary>What the globals are, and the REPL commands.</summary>
    public string Help => ScriptHelp.Text;

    /// <summary>The REPL session's variables waiting to be declared again in a fresh session.</summary>
    internal Repl.CarriedVariables? Carried { get; set; }

    /// <summary>Used by the code a REPL session generates to carry variables into a fresh session; not for scripts.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public object? CarriedValue(long ticket, string name) =>
        (Carried ?? throw new InvalidOperationException("no REPL session carries variables here")).Take(ticket, name);

    /// <summary>Each evaluation gets its own token and output, so an abandoned one cannot write into the next.</summary>
    internal void BeginEvaluation(CancellationToken ct, TextWriter output)
    {
        _ct = ct;
        Out = output;
    }
}

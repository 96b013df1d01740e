using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dssr.Engine.Configuration;
using Dssr.Engine.Hosting;
using Dssr.Engine.Observability;
using Dssr.Tui.Composition;
using Serilog.Core;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr reconcile [--json] [--recording FILE] [CLUSTER]</c>: per job, the journal against what Slurm says now (and the
/// upstream's last call from a recording). Exit 0: everything agrees; 1: something disagrees or a cluster did not
/// answer; 2: bad input or configuration.
/// </summary>
internal static class ReconcileCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the rows as JSON, for programs." };
        var recording = new Option<string?>("--recording") { Description = "A recording made with --record: adds the upstream's last call about each job.", HelpName = "FILE" };
        var name = new Argument<string?>("CLUSTER") { Description = "Only this cluster (dssr.yaml's name; default for the environment's).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("reconcile",
            "Compare, per job, the journal with what Slurm says now: jarvice_ jobs no journal row knows, jobs Slurm forgot without a final state, " +
            "submits stuck in SUBMITTING; rows that disagree first. Exit 1 when anything disagrees.")
        { json, recording, name };
        command.SetAction((parse, ct) => RunAsync(ProcessEnvironment.Read(), parse.GetValue(json), parse.GetValue(recording), parse.GetValue(name), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> env, bool json, string? recordingFile, string? cluster,
        TextWriter output, TextWriter errors, CancellationToken ct)
    {
        IReadOnlyList<RecordedExchange>? recording = null;
        if (recordingFile is not null)
        {
            try
            {
                recording = Replayer.Read(recordingFile);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                await errors.WriteLineAsync($"dssr reconcile: --recording: {e.Message}");
                return 2;
            }
        }
        ServiceHost host;
        try
        {
            var (config, options) = ServiceComposition.Configure(env, new CommandLineOverrides());
            host = ServiceComposition.Build(config, options, Logger.None);
        }
        catch (StartupException e)
        {
            await errors.WriteLineAsync($"dssr reconcile: {e.Message}");
            return 2;
        }
        await using (host)
        {
            var chosen = host.Clusters.All.ToList();
            if (cluster is not null)
            {
                if (host.Clusters.Find(cluster) is not { } one)
                {
                    await errors.WriteLineAsync($"dssr reconcile: no cluster {cluster}; the clusters are {string.Join(", ", host.Clusters.All.Select(c => c.Name))}");
                    return 2;
                }
                chosen = [one];
            }
            var result = await Reconciler.RunAsync(chosen, host.Journal, TimeProvider.System, recording, ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else await WriteTextAsync(output, result, recording is not null);
            return result.AllAgree ? 0 : 1;
        }
    }

    private static async Task WriteTextAsync(TextWriter output, Reconciliation result, bool withUpstream)
    {
        foreach (var u in result.Unreachable) await output.WriteLineAsync($"UNREACHABLE {u}");
        foreach (var r in result.Rows)
        {
            var job = r.Number is { } n ? $"{r.Name}:{n}" : $"jarvice_{r.Name}";
            await output.WriteLineAsync($"{ViewModels.VerdictText.Word(r.Verdict),-16} {r.Cluster,-10} {(r.JobId.Length > 0 ? r.JobId : "-"),-10} {job}  journal {r.JournalState ?? "-"}, slurm {r.ClusterState ?? "-"}" +
                (withUpstream ? $", upstream {r.UpstreamLast ?? "-"}" : "") + $"  {r.Detail}");
        }
        await output.WriteLineAsync($"{result.Rows.Count} jobs on {string.Join(", ", result.Clusters)}: " +
            (result.AllAgree ? "everything agrees" : $"{result.Disagreements} disagree{(result.Unreachable.Count > 0 ? $", {result.Unreachable.Count} cluster(s) unreachable" : "")}"));
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dssr.Engine.Configuration;
using Dssr.Engine.Diagnostics;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Hosting;
using Dssr.Engine.Jobs;
using Dssr.Tui.Composition;
using Serilog.Core;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr diag [NAME]</c>: the init report and the checks for each configured cluster (or the one named), and the
/// journal's. Exit 0 only when every check passes, 1 when one fails, 2 when there is nothing to check, the name is
/// no cluster's, or the configuration is wrong.
/// </summary>
internal static class DiagCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Report lines hold '+' and '<': keep them readable; this JSON is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the report and the checks as JSON, for programs." };
        var name = new Argument<string?>("NAME") { Description = "Check only this cluster (dssr.yaml's name; default for the environment's).", Arity = ArgumentArity.ZeroOrOne };
        var diag = new Command("diag",
            "Show the init report and check each configured cluster, or the one named (TCP, host key, SSH login, Slurm, scratch dir, latency); " +
            "exit 0 only when every check passes.")
        {
            json,
            name,
        };
        diag.SetAction((parse, ct) => RunAsync(ProcessEnvironment.Read(), parse.GetValue(json), Console.Out, Console.Error, ct, parse.GetValue(name)));
        return diag;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> env, bool json, TextWriter output, TextWriter errors, CancellationToken ct,
        string? cluster = null)
    {
        // The service is built as --serve builds it, without serving: the checks run through each cluster's own shells.
        ServiceHost host;
        try
        {
            var (config, options) = ServiceComposition.Configure(env, new CommandLineOverrides());
            host = ServiceComposition.Build(config, options, Logger.None);
        }
        catch (StartupException e)
        {
            await errors.WriteLineAsync($"dssr diag: {e.Message}");
            return 2;
        }
        await using (host)
        {
            var chosen = host.Clusters.All.ToList();
            if (cluster is not null)
            {
                if (host.Clusters.Find(cluster) is not { } one)
                {
                    await errors.WriteLineAsync($"dssr diag: no cluster {cluster}; the clusters are {string.Join(", ", host.Clusters.All.Select(c => c.Name))}");
                    return 2;
                }
                chosen = [one];
            }
            // Each cluster is checked at the same time: one that cannot be reached costs its own timeouts, not the others'.
            var found = await Task.WhenAll(chosen.Select(c => c.DiagnoseAsync(ct)));
            var diagnoses = found.OfType<ClusterDiagnosis>().ToList();
            var notChecked = chosen.Where((_, i) => found[i] is null).Select(c => $"{c.Name} ({c.ConnectorName})").ToList();
            if (cluster is not null && diagnoses.Count == 0)
            {
                await errors.WriteLineAsync($"dssr diag: cluster {cluster} ({chosen[0].ConnectorName}) has nothing to check: it is not reached over SSH");
                return 2;
            }
            if (diagnoses.Count == 0)
            {
                await errors.WriteLineAsync($"dssr diag: no cluster to check: set JARVICE_BAREMETAL_CONNECTOR=slurm, {SshSettingsReader.Address}, {SshSettingsReader.User} and {SshSettingsReader.PrivateKey}");
                return 2;
            }
            var journal = await Task.Run(() => DiagnoseJournal(host.Journal), ct);
            var allPassed = diagnoses.All(d => d.AllPassed) && journal.AllPassed;
            var load = chosen.ToDictionary(c => c.Name, c => LoadReport.Of(c), StringComparer.Ordinal);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { allPassed, clusters = diagnoses, journal, load }, Json));
            else
            {
                foreach (var d in diagnoses) await WriteTextAsync(output, d);
                if (notChecked.Count > 0) await output.WriteLineAsync($"Nothing to check for {string.Join(", ", notChecked)}: not reached over SSH");
                if (diagnoses.Count > 1)
                    await output.WriteLineAsync($"{diagnoses.Count(d => d.AllPassed)} of {diagnoses.Count} clusters passed every check" +
                        (diagnoses.All(d => d.AllPassed) ? "" : $"; not ready: {string.Join(", ", diagnoses.Where(d => !d.AllPassed).Select(d => d.Cluster))}"));
                await output.WriteLineAsync();
                await output.WriteLineAsync($"Checks for the journal ({journal.Destination}):");
                await WriteChecksAsync(output, journal.Checks);
                await output.WriteLineAsync();
                foreach (var (name, report) in load) await output.WriteLineAsync(report.Line(name));
            }
            return allPassed ? 0 : 1;
        }
    }

    private static ClusterDiagnosis DiagnoseJournal(IJobJournal journal) =>
        new("journal", $"{journal.Kind} {journal.Location}", [], JournalDiagnostics.Run(journal, TimeProvider.System));

    private static async Task WriteChecksAsync(TextWriter output, IReadOnlyList<DiagnosticCheck> checks)
    {
        foreach (var c in checks)
        {
            var status = c.Status.ToString().ToUpperInvariant();
            await output.WriteLineAsync($"  {status,-7} {c.Name,-21} {c.Milliseconds,6} ms  {c.Detail}");
            if (c.Fix is not null) await output.WriteLineAsync($"          fix: {c.Fix}");
        }
    }

    private static async Task WriteTextAsync(TextWriter output, ClusterDiagnosis d)
    {
        foreach (var line in d.Report) await output.WriteLineAsync(line);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Checks for cluster {d.Cluster} ({d.Destination}):");
        await WriteChecksAsync(output, d.Checks);
        var passed = d.Checks.Count(c => c.Status == CheckStatus.Pass);
        await output.WriteLineAsync($"{passed} of {d.Checks.Count} checks passed{(d.AllPassed ? "" : $": cluster {d.Cluster} is not ready")}");
    }
}

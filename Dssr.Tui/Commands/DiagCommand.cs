using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dssr.Engine.Configuration;
using Dssr.Engine.Diagnostics;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Dssr.Tui.Composition;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr diag</c>: the init report and the checks for each configured cluster. Exit 0 only when every
/// check passes, 1 when one fails, 2 when there is nothing to check or the configuration is wrong.
/// </summary>
public static class DiagCommand
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
        var diag = new Command("diag",
            "Show the init report and check each configured cluster (TCP, host key, SSH login, Slurm, scratch dir, latency); " +
            "exit 0 only when every check passes.")
        {
            json,
        };
        diag.SetAction((parse, ct) => RunAsync(ProcessEnvironment.Read(), parse.GetValue(json), Console.Out, Console.Error, ct));
        return diag;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> env, bool json, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        // The service is built as --serve builds it, without serving: the checks run through each cluster's own shells.
        ServiceHost host;
        try
        {
            var (config, options) = ServiceComposition.Configure(env, new CommandLineOverrides());
            host = ServiceComposition.Build(config, options, NullLoggerFactory.Instance);
        }
        catch (StartupException e)
        {
            await errors.WriteLineAsync($"dssr diag: {e.Message}");
            return 2;
        }
        await using (host)
        {
            var diagnoses = new List<ClusterDiagnosis>();
            foreach (var cluster in host.Clusters.All)
                if (await cluster.DiagnoseAsync(ct) is { } diagnosis) diagnoses.Add(diagnosis);
            if (diagnoses.Count == 0)
            {
                await errors.WriteLineAsync($"dssr diag: no cluster to check: set JARVICE_BAREMETAL_CONNECTOR=slurm, {SshSettingsReader.Address}, {SshSettingsReader.User} and {SshSettingsReader.PrivateKey}");
                return 2;
            }
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { allPassed = diagnoses.All(d => d.AllPassed), clusters = diagnoses }, Json));
            else foreach (var d in diagnoses) await WriteTextAsync(output, d);
            return diagnoses.All(d => d.AllPassed) ? 0 : 1;
        }
    }

    private static async Task WriteTextAsync(TextWriter output, ClusterDiagnosis d)
    {
        foreach (var line in d.Report) await output.WriteLineAsync(line);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Checks for cluster {d.Cluster} ({d.Destination}):");
        foreach (var c in d.Checks)
        {
            var status = c.Status.ToString().ToUpperInvariant();
            await output.WriteLineAsync($"  {status,-7} {c.Name,-21} {c.Milliseconds,6} ms  {c.Detail}");
            if (c.Fix is not null) await output.WriteLineAsync($"          fix: {c.Fix}");
        }
        var passed = d.Checks.Count(c => c.Status == CheckStatus.Pass);
        await output.WriteLineAsync($"{passed} of {d.Checks.Count} checks passed{(d.AllPassed ? "" : $": cluster {d.Cluster} is not ready")}");
    }
}

using System.Text.RegularExpressions;
using Dssr.Engine.Clusters;
using Dssr.Engine.Remote;

namespace Dssr.Engine.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, checked: the engine names no connector, and only the transport's own
/// folder makes a transport, so every remote command goes through a cluster's shells and its command log.
/// </summary>
public sealed class RoomRulesTests
{
    private static readonly string[] ProductionFolders = ["Dssr.Engine", "connectors", "Dssr.Scripting", "Dssr.Tui"];
    private const string TransportFolder = "Dssr.Engine/Remote";

    [Fact]
    public void The_engine_references_no_connector_and_no_outer_room()
    {
        var references = typeof(Cluster).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Dssr.", StringComparison.Ordinal));
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "Dssr.Engine", "Dssr.Engine.csproj"));
        Assert.DoesNotContain("ProjectReference", project);
    }

    [Fact]
    public void Only_the_transport_folder_constructs_a_transport()
    {
        var transports = typeof(IRemoteShell).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRemoteShell).IsAssignableFrom(t) && t != typeof(RecordingShell))
            .Select(t => t.Name)
            .ToList();
        Assert.Contains(nameof(OpenSshTransport), transports);
        var construction = new Regex($@"new\s+({string.Join('|', transports)})\s*[(<]", RegexOptions.CultureInvariant);
        var root = RepositoryRoot();
        var offenders = ProductionFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/") && !path.Contains("/bin/") && !path.StartsWith(TransportFolder + "/", StringComparison.Ordinal))
            .Where(path => construction.IsMatch(File.ReadAllText(Path.Combine(root, path))))
            .ToList();
        Assert.True(offenders.Count == 0, "transports made outside " + TransportFolder + ": " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_engine_speaks_of_no_particular_scheduler_in_code()
    {
        // Comments may say why a word is there; code may not name one scheduler's commands.
        var words = new Regex(@"slurm|sbatch|squeue|sinfo|srun", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var root = Path.Combine(RepositoryRoot(), "Dssr.Engine");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/") && !path.Contains("/bin/"))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => words.IsMatch(x.line) && !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(root, x.path)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dssr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dssr.sln not found above " + AppContext.BaseDirectory);
    }
}

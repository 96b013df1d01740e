using System.Text.Json;
using System.Text.RegularExpressions;
using Dssr.Engine.Clusters;
using Dssr.Scripting.Globals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Dssr.Scripting;

/// <summary>
/// The references and imports every script sees (REPL lines, <c>dssr script</c> files, connector
/// scripts). One shared <see cref="ScriptOptions"/> instance, so Roslyn reads each reference's
/// metadata once per process rather than once per compile.
/// </summary>
public static class ScriptDefaults
{
    public static readonly string[] Imports =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Text.Json", "System.Threading",
        "System.Threading.Tasks", "System.Collections.Generic", "System.Net.Http",
        "Dssr.Engine.Clusters", "Dssr.Engine.Connectors", "Dssr.Engine.Jobs", "Dssr.Scripting.Api", "Dssr.Scripting.Globals",
        "Dssr.Connectors.Slurm.Hooks",
    ];

    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static ScriptOptions Options { get; } = ScriptOptions.Default
        .AddReferences(
            typeof(Enumerable).Assembly,
            typeof(JsonElement).Assembly,
            typeof(Regex).Assembly,
            typeof(HttpClient).Assembly,
            typeof(System.Collections.Concurrent.ConcurrentDictionary<,>).Assembly,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
            typeof(Cluster).Assembly,
            typeof(Dssr.Connectors.Slurm.Rendering.RenderedJob).Assembly,
            typeof(ScriptGlobals).Assembly)
        .WithMetadataResolver(CachingMetadataResolver.Default)
        .WithImports(Imports)
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(false);

    /// <summary>The options for a file on disk: its path names it in errors, and <c>#load</c> resolves next to it.</summary>
    public static ScriptOptions ForFile(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        return Options
            .WithFilePath(full)
            .WithSourceResolver(new SourceFileResolver([], directory));
    }
}

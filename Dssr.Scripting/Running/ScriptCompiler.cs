using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Dssr.Scripting.Running;

/// <summary>
/// Compiles a <c>.csx</c> file (with the files it <c>#load</c>s, resolved next to it) to an assembly,
/// and keeps the assembly in a cache folder under its <see cref="ScriptCacheKey"/>: a second run of
/// an unchanged script loads it instead of compiling, which is most of a script's start-up time.
/// </summary>
public sealed class ScriptCompiler
{
    private readonly string? _cacheDirectory;

    /// <param name="cacheDirectory">Where compiled scripts are kept; null compiles every time.</param>
    public ScriptCompiler(string? cacheDirectory) => _cacheDirectory = cacheDirectory;

    /// <summary>DSSR_SCRIPT_CACHE when set (a shared or writable place), else <c>script-cache</c> in the state folder.</summary>
    public static string CacheDirectory(IReadOnlyDictionary<string, string> settings, string stateDirectory) =>
        settings.TryGetValue("DSSR_SCRIPT_CACHE", out var dir) && dir.Length > 0 ? dir : Path.Combine(stateDirectory, "script-cache");

    /// <param name="lineInfo">Emit line information (an embedded PDB), so an exception names the script's line; hooks need it.</param>
    public CompiledScript Compile(string path, Type? globalsType, bool lineInfo = false)
    {
        var clock = Stopwatch.StartNew();
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"no such script: {path}", full);
        var sources = ScriptSources.Collect(full);
        var cached = _cacheDirectory is null ? null : Path.Combine(_cacheDirectory, ScriptCacheKey.Of(sources, globalsType) + (lineInfo ? "-lines" : "") + ".dll");

        if (cached is not null && File.Exists(cached))
        {
            try
            {
                var assembly = Assembly.Load(File.ReadAllBytes(cached));
                return new CompiledScript(full, assembly, EntryOf(assembly, ReadEntryType(cached)), fromCache: true, clock.Elapsed);
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or TypeLoadException or MissingMethodException)
            {
                // A damaged cache entry is compiled again and overwritten.
            }
        }

        var options = ScriptDefaults.ForFile(full);
        if (lineInfo) options = options.WithEmitDebugInformation(true);
        // Line information needs the text's encoding, which only the stream overload records.
        var script = lineInfo
            ? CSharpScript.Create<object>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sources[0].Text)), options, globalsType)
            : CSharpScript.Create<object>(sources[0].Text, options, globalsType);
        var compilation = script.GetCompilation();
        using var image = new MemoryStream();
        var emitted = lineInfo
            ? compilation.Emit(image, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.Embedded))
            : compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            throw new ScriptCompileException(full, errors);
        }
        var entryType = compilation.GetEntryPoint(CancellationToken.None)!.ContainingType.MetadataName;
        var bytes = image.ToArray();
        if (cached is not null) Store(cached, bytes, entryType);
        var loaded = Assembly.Load(bytes);
        return new CompiledScript(full, loaded, EntryOf(loaded, entryType), fromCache: false, clock.Elapsed);
    }

    private static Func<object?[], Task<object?>> EntryOf(Assembly assembly, string entryType)
    {
        var factory = assembly.GetType(entryType, throwOnError: true)!
            .GetMethod("<Factory>", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(entryType, "<Factory>");
        return (Func<object?[], Task<object?>>)factory.CreateDelegate(typeof(Func<object?[], Task<object?>>));
    }

    /// <summary>Written to a temporary name and moved into place, so a concurrent run never loads half a file.</summary>
    private static void Store(string path, byte[] bytes, string entryType)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temp, bytes);
            File.WriteAllText(temp + ".entry", entryType);
            File.Move(temp + ".entry", path + ".entry", overwrite: true);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without a writable cache the script still runs; it is compiled again next time.
        }
    }

    private static string ReadEntryType(string cached) => File.ReadAllText(cached + ".entry").Trim();
}

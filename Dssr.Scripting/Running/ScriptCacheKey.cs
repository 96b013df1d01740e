using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.Scripting;

namespace Dssr.Scripting.Running;

/// <summary>
/// What a compiled script depends on: the text of the file and of every file it loads, the globals
/// type, and the build of Dssr and Roslyn it was compiled against (module ids, so a rebuilt Dssr of
/// the same version does not run a stale cache).
/// </summary>
internal static class ScriptCacheKey
{
    private static readonly string Build = string.Join('\n',
        new[] { typeof(ScriptCacheKey).Assembly, typeof(Engine.Clusters.Cluster).Assembly, typeof(Script).Assembly }
            .Select(a => $"{a.GetName().Name} {a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion} {a.ManifestModule.ModuleVersionId}"));

    public static string Of(IReadOnlyList<ScriptSources.Source> sources, Type? globalsType)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        Add(Build);
        Add(globalsType?.AssemblyQualifiedName ?? "");
        // Contents only: the main file's text names what it loads, so moving a folder keeps its cache.
        foreach (var source in sources) Add(source.Text);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

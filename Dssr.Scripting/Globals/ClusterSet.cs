using System.Collections;
using Dssr.Engine.Clusters;

namespace Dssr.Scripting.Globals;

/// <summary>
/// The <c>Clusters</c> global: every configured cluster as a sequence (so LINQ works directly:
/// <c>Clusters.Select(c =&gt; c.Name)</c>), keeping the registry's <c>All</c>, <c>Default</c>, <c>Find</c> and <c>Clusters["name"]</c>.
/// </summary>
public sealed class ClusterSet : IReadOnlyList<Cluster>
{
    private readonly ClusterRegistry _registry;

    public ClusterSet(ClusterRegistry registry) => _registry = registry;

    public IReadOnlyList<Cluster> All => _registry.All;

    /// <summary>The cluster the legacy API serves.</summary>
    public Cluster Default => _registry.Default;

    public Cluster? Find(string name) => _registry.Find(name);

    public int Count => _registry.All.Count;

    public Cluster this[int index] => _registry.All[index];

    /// <summary>A cluster by name: <c>Clusters["backup"]</c>.</summary>
    public Cluster this[string name] => _registry[name];

    public IEnumerator<Cluster> GetEnumerator() => _registry.All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

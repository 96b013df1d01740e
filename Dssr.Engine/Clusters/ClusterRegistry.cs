namespace Dssr.Engine.Clusters;

/// <summary>
/// The configured clusters by name, <c>default</c> first. Each answers the legacy API at its own endpoint
/// (<c>/</c> for the first, <c>/clusters/NAME/</c> for the others) and may take another's jobs when it fails over.
/// </summary>
public sealed class ClusterRegistry : IAsyncDisposable
{
    private readonly List<Cluster> _clusters;

    public ClusterRegistry(IEnumerable<Cluster> clusters)
    {
        _clusters = clusters.ToList();
        if (_clusters.Count == 0) throw new ArgumentException("at least one cluster is needed", nameof(clusters));
        foreach (var cluster in _clusters) cluster.Registry = this;
    }

    public IReadOnlyList<Cluster> All => _clusters;

    public Cluster Default => _clusters[0];

    public Cluster? Find(string name) => _clusters.FirstOrDefault(c => c.Name == name);

    /// <summary>A cluster by name, as scripts ask for it: <c>Clusters["backup"]</c>.</summary>
    public Cluster this[string name] => Find(name)
        ?? throw new KeyNotFoundException($"no cluster '{name}'; the clusters are {string.Join(", ", _clusters.Select(c => c.Name))}");

    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var cluster in _clusters) await cluster.InitializeAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _clusters) await cluster.DisposeAsync().ConfigureAwait(false);
    }
}

namespace Dssr.Engine.Clusters;

/// <summary>The configured clusters by name. The legacy API serves the first one (named <c>default</c> when configured from the environment).</summary>
public sealed class ClusterRegistry : IAsyncDisposable
{
    private readonly List<Cluster> _clusters;

    public ClusterRegistry(IEnumerable<Cluster> clusters)
    {
        _clusters = clusters.ToList();
        if (_clusters.Count == 0) throw new ArgumentException("at least one cluster is needed", nameof(clusters));
    }

    public IReadOnlyList<Cluster> All => _clusters;

    public Cluster Default => _clusters[0];

    public Cluster? Find(string name) => _clusters.FirstOrDefault(c => c.Name == name);

    public async Task InitializeAsync(CancellationToken ct)
    {
        foreach (var cluster in _clusters) await cluster.InitializeAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _clusters) await cluster.DisposeAsync().ConfigureAwait(false);
    }
}

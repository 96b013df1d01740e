using Dssr.Engine.Configuration;

namespace Dssr.Engine.Connectors;

/// <summary>
/// Maps connector names (<c>connectors.dummy.connector</c>, <c>dummy</c>, …) to factories. The
/// composition root registers them; the engine knows none by name.
/// </summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, Func<ConnectorContext, IConnector>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Setting>> _settings = new(StringComparer.Ordinal);
    private readonly List<(Func<string, bool> Matches, Func<string, ConnectorContext, IConnector> Factory)> _fallbacks = [];

    public ConnectorRegistry Register(Func<ConnectorContext, IConnector> factory, params string[] names) =>
        Register(factory, [], names);

    /// <param name="settings">The connector's own settings: its section of the configuration, all it receives.</param>
    public ConnectorRegistry Register(Func<ConnectorContext, IConnector> factory, IReadOnlyList<Setting> settings, params string[] names)
    {
        foreach (var name in names)
        {
            _factories[name] = factory;
            _settings[name] = settings;
        }
        return this;
    }

    /// <summary>The settings a registered connector reads; null for one served by a fallback (a script), which declares none.</summary>
    public IReadOnlyList<Setting>? SettingsOf(string name) =>
        _settings.TryGetValue(name, out var list) && list.Count > 0 ? list : null;

    /// <summary>Every setting any registered connector reads.</summary>
    public IEnumerable<Setting> AllSettings => _settings.Values.SelectMany(s => s).DistinctBy(s => s.Name);

    /// <summary>
    /// Serves names no factory is registered for, such as a path to a connector written as a script:
    /// the first fallback whose predicate accepts the name builds the connector from it.
    /// </summary>
    public ConnectorRegistry RegisterFallback(Func<string, bool> matches, Func<string, ConnectorContext, IConnector> factory)
    {
        _fallbacks.Add((matches, factory));
        return this;
    }

    public IReadOnlyCollection<string> Names => _factories.Keys;

    public IConnector Create(string name, ConnectorContext context)
    {
        if (_factories.TryGetValue(name, out var factory)) return factory(context);
        foreach (var (matches, fallback) in _fallbacks)
            if (matches(name)) return fallback(name, context);
        throw new ConfigurationException(
            $"JARVICE_BAREMETAL_CONNECTOR: unknown connector '{name}'; known: {string.Join(", ", _factories.Keys.Order())}");
    }
}

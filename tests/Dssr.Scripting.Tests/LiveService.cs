using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Globals;
using Dssr.Scripting.Repl;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>
/// One dummy service, its globals and one warmed REPL session, shared by the tests of a collection:
/// Roslyn's first compile costs about a second, every later one a few milliseconds.
/// </summary>
public sealed class LiveService : IAsyncLifetime
{
    private readonly TempDirectory _state = new();

    public TestService Service { get; private set; } = null!;
    public ScriptGlobals Globals { get; private set; } = null!;
    public ReplSession Session { get; private set; } = null!;
    public string StateDirectory => _state.Path;

    public static Dictionary<string, string> DummyEnv() => new()
    {
        ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "30",
        ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "30",
        ["JARVICE_DUMMY_JOB_FAILING_PERCENT"] = "0",
        ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
    };

    public async Task InitializeAsync()
    {
        Service = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), _state.Path, DummyEnv());
        Globals = new ScriptGlobals(Service.Host);
        // Never recycled: tests on the shared session rely on methods and types declared a few lines earlier.
        Session = NewSession(ReplOptions.Default with { RecycleAfter = int.MaxValue });
        await Session.WarmUpAsync();
    }

    /// <summary>A session of its own over the same service, for tests that replace or recycle it.</summary>
    public ReplSession NewSession(ReplOptions? options = null, ReplHistory? history = null) =>
        new(new ScriptGlobals(Service.Host), options, history);

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _state.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServiceCollection : ICollectionFixture<LiveService>
{
    public const string Name = "live service";
}

using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>The service with the dummy connector, a manual clock and its own state folder, over real HTTP.</summary>
public sealed class DummyService : IAsyncDisposable
{
    private DummyService(TestService service, ManualClock clock, string state)
    {
        Service = service;
        Clock = clock;
        State = state;
    }

    public TestService Service { get; }
    public ManualClock Clock { get; }
    public string State { get; }

    public static async Task<DummyService> StartAsync(string state, ManualClock? clock = null, Dictionary<string, string>? env = null)
    {
        clock ??= new ManualClock();
        env ??= [];
        env.TryAdd("JARVICE_DUMMY_SEED", "1");
        env.TryAdd("DSSR_QUEUE_MAX_AGE_MS", "0"); // every list call sees the clock as the test set it
        var service = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), state, env, clock);
        return new DummyService(service, clock, state);
    }

    public const string Name = "20240101120000-ABCDE-myapp-kirby_s1";
    public static readonly string Script = "#!/bin/bash\nJOBOBJ_APPDEFVERSION=2\necho \"h\u00e9llo\"\n";

    public static string SubmitArgs(long number = 42, string name = Name) =>
        $$"""{"name":"{{name}}","number":{{number}},"nodes":2,"hpc_script":{"singularity":"{{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Script))}}"},"bearer":"x"}""";

    public static string JobArgs(long number = 42, string name = Name) =>
        $$"""{"name":"{{name}}","number":{{number}},"jobid":"dummy_{{number}}"}""";

    public Task<Answer> Get(string route) => Answer.Of(Service.Http.GetAsync(route));

    public Task<Answer> Post(string route, string args) => Answer.Of(Service.PostArgs(route, args));

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}

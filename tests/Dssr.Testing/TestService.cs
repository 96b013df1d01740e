using System.Net.Http.Headers;
using System.Text;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Serilog.Core;

namespace Dssr.Testing;

/// <summary>
/// The real service on a free port of 127.0.0.1, reached over real HTTP. Environment settings,
/// state folder and clock are the test's; the state folder can be reused to test restarts.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private TestService(ServiceHost host, HttpClient http)
    {
        Host = host;
        Http = http;
    }

    public ServiceHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<TestService> StartAsync(ConnectorRegistry connectors, string stateDirectory,
        IReadOnlyDictionary<string, string>? env = null, TimeProvider? clock = null, bool waitForReady = true, string? yaml = null,
        Serilog.ILogger? log = null)
    {
        var settings = new Dictionary<string, string>(env ?? new Dictionary<string, string>());
        settings.TryAdd("DSSR_STATE_DIR", stateDirectory);
        var cli = new CommandLineOverrides(Listen: "http://127.0.0.1:0");
        ServiceOptions options;
        if (yaml is null) options = ServiceOptionsReader.Read(settings, cli);
        else
        {
            // dssr.yaml's clusters, read as the composition root reads them.
            Directory.CreateDirectory(stateDirectory);
            var file = Path.Combine(stateDirectory, "dssr.yaml");
            File.WriteAllText(file, yaml);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var config = DssrConfiguration.Build(settings, cli with { ConfigFile = file });
            options = ServiceOptionsReader.Read(config, connectors.SettingsOf, [.. ServiceSettings.All, .. connectors.AllSettings]);
        }
        var host = ServiceHost.Create(options, connectors, clock ?? TimeProvider.System, log ?? Logger.None);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.DisposeAsync(); // a failed start (a busy port) leaves no clusters running behind the test
            throw;
        }
        if (waitForReady) await host.Initialization;
        var http = new HttpClient { BaseAddress = new Uri(host.Address), Timeout = TimeSpan.FromSeconds(30) };
        return new TestService(host, http);
    }

    /// <summary>POSTs <c>args=&lt;json&gt;</c> form-encoded, as the upstream does.</summary>
    public Task<HttpResponseMessage> PostArgs(string route, string argsJson) =>
        Http.PostAsync(route, new FormUrlEncodedContent([new KeyValuePair<string, string>("args", argsJson)]));

    public void UseBasicAuth(string user, string password) =>
        Http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.StopAsync();
        await Host.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dssr.Integration.Tests.Journal;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Replicas;

/// <summary>One <c>dssr --serve</c> process on the Slurm test bed and a PostgreSQL journal: a replica as deployed.</summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TempDirectory _state;

    private ReplicaProcess(Process process, TempDirectory state, string address)
    {
        _process = process;
        _state = state;
        Address = address;
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(100) };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Address { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public string Log { get { lock (_stderr) return _stderr.ToString(); } }

    public static ReplicaProcess Start(string database, Dictionary<string, string>? extra = null)
    {
        var state = new TempDirectory();
        var port = FreePort();
        var env = SlurmService.Environment(extra);
        foreach (var (k, v) in PostgresBed.JournalEnvironment(database)) env[k] = v;
        env["DSSR_STATE_DIR"] = state.Path;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dssr.dll"));
        info.ArgumentList.Add("--serve");
        info.ArgumentList.Add("--listen");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("JARVICE_") || k.StartsWith("WAITRESS_") || k.StartsWith("DSSR_")).ToList())
            info.Environment.Remove(key);
        foreach (var (k, v) in env) info.Environment[k] = v;
        return new ReplicaProcess(Process.Start(info)!, state, $"http://127.0.0.1:{port}");
    }

    public async Task WaitForReadyAsync(double seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            try
            {
                var ready = await Answer.Of(Http.GetAsync("/ready"));
                if (ready.Status == 200) return;
                last = $"{ready.Status} {ready.Text}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            Assert.False(_process.HasExited, $"replica {Address} exited: {Log}");
            Assert.True(clock.Elapsed.TotalSeconds < seconds, $"replica {Address} not ready: {last}\n{Log}");
            await Task.Delay(100);
        }
    }

    public Task<Answer> Post(string route, string args) =>
        Answer.Of(Http.PostAsync(route, new FormUrlEncodedContent([new KeyValuePair<string, string>("args", args)])));

    public void Kill()
    {
        using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        _process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _state.Dispose();
    }
}

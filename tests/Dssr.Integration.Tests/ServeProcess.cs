using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dssr.Testing;

namespace Dssr.Integration.Tests;

/// <summary>
/// <c>dssr --serve</c> as a process of its own (on the dummy cluster, or on the settings given: a replica as deployed,
/// the soak's service), so its descriptors and memory can be read from /proc and it can be killed. Its state folder is its own unless the settings name one
/// (<c>DSSR_STATE_DIR</c>), as a test that restarts it does.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _state = new();
    private readonly StringBuilder _stderr = new();

    public ServeProcess(IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dssr.dll"));
        info.ArgumentList.Add("--serve");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("JARVICE_") || k.StartsWith("WAITRESS_") || k.StartsWith("DSSR_")).ToList())
            info.Environment.Remove(key);
        info.Environment["DSSR_STATE_DIR"] = _state.Path;
        info.Environment["WAITRESS_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["JARVICE_SCHED_LOGLEVEL"] = "30";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        Address = $"http://127.0.0.1:{Port}";
        Http = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(100) };
    }

    public int Port { get; }
    public string Address { get; }
    public int Pid => _process.Id;
    public HttpClient Http { get; }
    public string Log { get { lock (_stderr) return _stderr.ToString(); } }

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
            Assert.False(_process.HasExited, $"dssr {Address} exited: {Log}");
            Assert.True(clock.Elapsed.TotalSeconds < seconds, $"dssr {Address} not ready: {last}\n{Log}");
            await Task.Delay(100);
        }
    }

    public Task<Answer> Get(string route) => Answer.Of(Http.GetAsync(route));

    public Task<Answer> Post(string route, string args) =>
        Answer.Of(Http.PostAsync(route, new FormUrlEncodedContent([new KeyValuePair<string, string>("args", args)])));

    /// <summary>Ends the process with SIGKILL, as the kernel's OOM killer or a node loss would: no shutdown runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public int OpenDescriptors => Directory.GetFileSystemEntries($"/proc/{_process.Id}/fd").Length;

    public long RssBytes =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    public async Task WaitForLiveAsync(double seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await Http.GetAsync("/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            Assert.False(_process.HasExited, $"dssr exited: {Log}");
            Assert.True(clock.Elapsed.TotalSeconds < seconds, $"dssr did not answer /live within {seconds} s: {Log}");
            await Task.Delay(100);
        }
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

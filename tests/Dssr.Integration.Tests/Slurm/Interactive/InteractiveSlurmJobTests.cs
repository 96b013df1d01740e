using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dssr.Engine.Interactive;
using Dssr.Engine.Logging;
using Dssr.Engine.Remote;
using Dssr.Integration.Tests.Slurm;
using Dssr.Testing;
using Serilog;

namespace Dssr.Integration.Tests.Slurm.Interactive;

/// <summary>
/// An interactive job on the test bed's real Slurm, reached through the real sshd: not ready until its service
/// answers, then its page byte for byte and a WebSocket echo through the URL info gives, connect, the SSH
/// connection killed under a live WebSocket and the tunnel made again, terminate closing the tunnel and its
/// socket. The job's password appears in no log line, no fscript and no command line on the login node.
/// Interactive jobs take the bed's one node exclusively, so these run alone.
/// </summary>
[Collection(SerialSlurmCollection.Name)]
public sealed class InteractiveSlurmJobTests
{
    private sealed record Running(SlurmService Dssr, string Name, long Number, string JobId, string Fscript);

    private static async Task<Running> SubmitAsync(SlurmService dssr, JobGate gate, long number)
    {
        var name = UpstreamScripts.NewName("app-desktop");
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(name, number, EchoServiceJob.Script(gate)));
        Assert.True(answer.Status == 200, answer.Text);
        using var doc = JsonDocument.Parse(answer.Body);
        var jobId = doc.RootElement[0].GetString()!;
        try
        {
            await dssr.WaitForPhaseAsync(jobId, "running", 60);
        }
        catch
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(name, number, jobId));
            throw;
        }
        return new Running(dssr, name, number, jobId, doc.RootElement[1].GetString()!);
    }

    private static Task<Answer> Method(Running job, string method) =>
        job.Dssr.Request($"{job.Name}/{job.Number}/{job.JobId}/{method}");

    private static async Task<JsonElement> InfoWhenReadyAsync(Running job)
    {
        Answer info = new(0, null, []);
        await Poll.UntilAsync(async () => (info = await Method(job, "info")).Status == 200, 60, () => $"info never ready: {info.Status} {info.Text}");
        return JsonDocument.Parse(info.Text).RootElement.Clone();
    }

    [Fact]
    public async Task Info_waits_for_the_service_then_its_url_serves_the_page_and_websockets_through_ssh_and_terminate_closes_the_tunnel()
    {
        using var state = new TempDirectory();
        var logFile = Path.Combine(state.Path, "dssr.log");
        var logText = new StreamWriter(logFile) { AutoFlush = true };
        using var serilog = new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new TextWriterSink(logText, new PythonLineFormatter())).CreateLogger();
        await using var dssr = await SlurmService.StartAsync(state.Path, log: serilog);
        using var gate = new JobGate();
        var job = await SubmitAsync(dssr, gate, 31);
        try
        {
            await ServedThroughTheTunnelAsync(dssr, gate, job, logFile);
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(job.Name, job.Number, job.JobId)); // a failed check leaves no job serving
        }
    }

    private static async Task ServedThroughTheTunnelAsync(SlurmService dssr, JobGate gate, Running job, string logFile)
    {
        var tunnels = dssr.Service.Host.Clusters.Default.Interactive!;

        // The wrapper has published the port, but nothing answers on it until the gate opens.
        var early = await Method(job, "info");
        Assert.Equal(503, early.Status);
        Assert.StartsWith("{\"error\":\"job 31 is starting", early.Text);
        Assert.Empty(tunnels.All);

        gate.Open();
        var info = await InfoWhenReadyAsync(job);
        var api = new Uri(dssr.Service.Host.Address);
        var url = $"http://127.0.0.1:{api.Port}/job31/";
        var password = info.GetProperty("password").GetString()!;
        Assert.Equal(url, info.GetProperty("url").GetString());
        Assert.Equal($"127.0.0.1:{api.Port}", info.GetProperty("address").GetString());
        Assert.Equal(JobSecrets.PasswordLength, password.Length);

        using var http = new HttpClient();
        Assert.Equal(Encoding.UTF8.GetBytes(EchoServiceJob.Page), await http.GetByteArrayAsync(url));
        var socketUrl = new Uri($"ws://127.0.0.1:{api.Port}/job31/websockify");
        Assert.Equal(WebSocketEcho.Expected(1000), await WebSocketEcho.RoundTripsAsync(socketUrl, 1000));

        var connect = await Method(job, "connect");
        Assert.Equal($"{{\"address\":\"127.0.0.1:{api.Port}\",\"password\":\"{password}\"}}\n", connect.Text);

        var first = Assert.Single(tunnels.All);
        Assert.NotNull(first.Forward?.UnixSocket);
        Assert.True(File.Exists(first.Forward!.UnixSocket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(first.Forward.UnixSocket)!));

        // The service account's SSH connection dies under a live WebSocket; the next request makes the tunnel again.
        using (var live = new ClientWebSocket())
        {
            await live.ConnectAsync(socketUrl, CancellationToken.None);
            await live.SendAsync(Encoding.UTF8.GetBytes("before"), WebSocketMessageType.Text, true, CancellationToken.None);
            Assert.Equal("before", await WebSocketEcho.ReceiveAsync(live, new byte[1024], CancellationToken.None));
            foreach (var pid in await ConnectionProcessesAsync(dssr.Service.Host.Clusters.Default.Shells.Service)) KillByPid(pid);
            var broken = await Record.ExceptionAsync(() => WebSocketEcho.ReceiveAsync(live, new byte[1024], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(broken is WebSocketException or IOException, $"the live WebSocket ended with {broken?.GetType().Name ?? "a message"}");
        }
        Assert.Equal(Encoding.UTF8.GetBytes(EchoServiceJob.Page), await http.GetByteArrayAsync(url));
        var second = Assert.Single(tunnels.All);
        Assert.NotSame(first, second);
        Assert.Equal(TunnelState.Closed, first.State);
        Assert.Equal(WebSocketEcho.Expected(10), await WebSocketEcho.RoundTripsAsync(socketUrl, 10));

        // The password is nowhere an operator or another user could read it.
        var ps = await LocalPs();
        Assert.DoesNotContain(password, ps);
        Assert.Contains(job.JobId, await BedShell.RunAsync("squeue", "-h", "-o", "%i").ContinueWith(t => t.Result.Stdout));
        Assert.DoesNotContain(password, job.Fscript);
        Assert.DoesNotContain(password, dssr.Service.Host.Journal.FindByJobId("default", job.JobId)!.Fscript);

        Assert.Equal(200, (await dssr.Post("/terminate", SlurmService.JobArgs(job.Name, job.Number, job.JobId))).Status);
        Assert.Empty(tunnels.All);
        Assert.Equal(TunnelState.Closed, second.State);
        Assert.False(File.Exists(second.Forward!.UnixSocket), "the tunnel's socket must be gone");
        var after = await Answer.Of(http.GetAsync(url));
        Assert.Equal(404, after.Status);
        Assert.Equal("application/json", after.ContentType);
        Assert.Empty(((ISshTransport)((RecordingShell)dssr.Service.Host.Clusters.Default.Shells.Service).Inner).Forwards);

        await dssr.WaitForPhaseAsync(job.JobId, "ended", 60);
        var log = await File.ReadAllTextAsync(logFile);
        Assert.Contains("Tunnel of job 31", log);
        Assert.DoesNotContain(password, log);
    }

    [Fact]
    public async Task Host_based_routing_publishes_the_job_on_its_own_host_name()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_JOBS_DOMAIN"] = "http://jobs.bed.test" });
        using var gate = new JobGate();
        gate.Open();
        var job = await SubmitAsync(dssr, gate, 32);
        try
        {
            var info = await InfoWhenReadyAsync(job);
            Assert.Equal("http://job-32.jobs.bed.test/", info.GetProperty("url").GetString());
            Assert.Equal("job-32.jobs.bed.test", info.GetProperty("address").GetString());

            var port = new Uri(dssr.Service.Host.Address).Port;
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            request.Headers.Host = "job-32.jobs.bed.test";
            var page = await http.SendAsync(request);
            Assert.Equal(Encoding.UTF8.GetBytes(EchoServiceJob.Page), await page.Content.ReadAsByteArrayAsync());
            Assert.Equal(WebSocketEcho.Expected(100),
                await WebSocketEcho.RoundTripsAsync(new Uri($"ws://127.0.0.1:{port}/ws"), 100, host: "job-32.jobs.bed.test"));
        }
        finally
        {
            await dssr.Post("/terminate", SlurmService.JobArgs(job.Name, job.Number, job.JobId));
        }
    }

    private static async Task<string> LocalPs()
    {
        using var ps = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ps", ["-eww", "-o", "args"]) { RedirectStandardOutput = true })!;
        var text = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        return text;
    }

    /// <summary>The connection's own sshd processes: ancestors of a command's shell, short of the bed's listener.</summary>
    private static async Task<List<int>> ConnectionProcessesAsync(IRemoteShell ssh)
    {
        const string ancestors = "p=$$; while [ \"$p\" -gt 1 ]; do echo $p; p=$(awk '/^PPid:/ {print $2}' /proc/$p/status); done";
        var chain = (await ssh.RunAsync(RemoteCommand.Of("sh", "-c", ancestors))).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var listener = int.Parse(File.ReadAllText(TestBed.Get("DSSR_TESTBED_SSHD_PID_FILE")).Trim(), CultureInfo.InvariantCulture);
        Assert.Contains(listener, chain);
        var connection = chain.Where(pid => pid != listener && IsSshd(pid)).ToList();
        Assert.NotEmpty(connection);
        return connection;
    }

    private static bool IsSshd(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim() == "sshd"; }
        catch (IOException) { return false; } // the command's shell, gone already
    }

    private static void KillByPid(int pid)
    {
        try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
        catch (ArgumentException) { /* gone already */ }
    }
}

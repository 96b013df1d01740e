using Dssr.Testing;
using Dssr.Tui.Tests.Terminal;

namespace Dssr.Tui.Tests;

/// <summary>
/// The real console in tmux: at 80×24 with three clusters from dssr.yaml (<c>default</c> on Slurm behind a port that
/// refuses connections, its submits failing over to <c>backup</c>, a dummy cluster, and <c>far</c> on Slurm behind a
/// port that takes connections and never answers); and an interactive job's URL and tunnel in the job detail.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ConsoleClustersEndToEndTests
{
    private static string Line(string screen, string start) =>
        screen.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? "";

    [Fact]
    public void Three_clusters_a_silent_one_marked_the_failover_in_the_detail_and_the_console_stays_responsive()
    {
        using var state = new TempDirectory();
        using var silent = new SilentListener();
        var (key, knownHosts) = ClusterFiles.Make(state.Path);
        var refused = DssrProcess.FreePort();
        var yaml = Path.Combine(state.Path, "dssr.yaml");
        File.WriteAllText(yaml, "clusters:\n" +
            ClusterFiles.SlurmEntry("default", refused, key, knownHosts, connectTimeout: 5).TrimEnd() + "\n    failover: [backup]\n" +
            "  - name: backup\n    connector: dummy\n    preferred_jobs: [cpu]\n" +
            // Longer than the test: far's probe waits on its silent port the whole time.
            ClusterFiles.SlurmEntry("far", silent.Port, key, knownHosts, connectTimeout: 300));
        File.SetUnixFileMode(yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        var s = state.Path;
        using var tmux = new Tmux($"env -u NO_COLOR DSSR_STATE_DIR={s} DSSR_CONFIG={yaml} WAITRESS_PORT={DssrProcess.FreePort()} " +
                                  "JARVICE_SYSTEM_REGISTRY=reg.example JARVICE_SYSTEM_REPO_BASE=jarvice " +
                                  "JARVICE_DUMMY_JOB_QUEUED_TIME=1 JARVICE_DUMMY_JOB_RUNNING_TIME=300 DSSR_QUEUE_MAX_AGE_MS=300 " +
                                  $"dotnet '{dll}'; echo EXIT=$?; sleep 600");

        var screen = tmux.WaitFor(sc => Line(sc, "default ").Contains(" NO ") && Line(sc, "backup ").Contains(" yes ") && Line(sc, "far ").Contains(" NO "),
            "default refused, backup reachable, far silent");
        Assert.Contains("no answer for", Line(screen, "far "));
        Assert.Contains("journal sqlite ok", screen.Split('\n')[0]);

        tmux.Keys("n"); // to default's endpoint: refused there, placed on backup
        screen = tmux.WaitFor(sc => sc.Split('\n').Any(l => l.Contains("backup") && l.Contains("dummy_") && l.Contains(" R ")), "the sample job running on backup");
        Assert.Contains("1 out 0 in", Line(screen, "default "));
        Assert.Contains("0 out 1 in", Line(screen, "backup "));

        tmux.Keys("Enter");
        tmux.WaitFor("placed on backup after default unreachable");
        tmux.Keys("Escape");
        tmux.WaitFor("Queue: 1 of 1 jobs");

        // c: default's jobs (none live there), backup's, far's, then every cluster's again.
        tmux.Keys("c");
        tmux.WaitFor("0 of 1 jobs, sorted by number ↓, cluster default");
        tmux.Keys("c");
        tmux.WaitFor("1 of 1 jobs, sorted by number ↓, cluster backup");
        tmux.Keys("c");
        tmux.WaitFor("cluster far");
        tmux.Keys("c");
        tmux.WaitFor(sc => sc.Contains("1 of 1 jobs") && !sc.Contains(", cluster "), "every cluster's jobs");

        // The others keep refreshing while far stays silent: backup's data is young again and again.
        for (var i = 0; i < 3; i++)
        {
            Thread.Sleep(2000);
            screen = tmux.WaitFor(sc => System.Text.RegularExpressions.Regex.IsMatch(Line(sc, "backup "), @" [0-2]s old "), "backup's data refreshed");
            Assert.Contains(" NO ", Line(screen, "far "));
        }

        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
    }

    [Fact]
    public async Task Shift_n_submits_an_interactive_sample_whose_detail_shows_its_url_and_tunnel_and_the_url_answers()
    {
        using var state = new TempDirectory();
        var port = DssrProcess.FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        using var tmux = new Tmux($"env -u NO_COLOR DSSR_STATE_DIR={state.Path} WAITRESS_PORT={port} JARVICE_DUMMY_JOB_QUEUED_TIME=0 " +
                                  $"JARVICE_DUMMY_JOB_RUNNING_TIME=300 DSSR_QUEUE_MAX_AGE_MS=300 dotnet '{dll}'; echo EXIT=$?; sleep 600", width: 120, height: 30);
        tmux.WaitFor(sc => sc.Contains($"API http://127.0.0.1:{port}") && Line(sc, "default ").Contains(" yes "), "the console serving");

        tmux.Keys("N");
        var screen = tmux.WaitFor(sc => sc.Split('\n').Any(l => l.Contains("-web-console_s1") && l.Contains(" R ")), "the interactive sample job running");
        var name = System.Text.RegularExpressions.Regex.Match(screen, @"\d{14}-[A-Z0-9]{5}-web-console_s1").Value;
        Assert.NotEqual("", name);

        tmux.Keys("Enter");
        var url = $"http://127.0.0.1:{port}/job1001/";
        // The whole detail, not its first line: under load the pane is captured while the view still fills in.
        var detail = tmux.WaitFor(sc => sc.Contains("not open: info, connect or the first request", StringComparison.Ordinal) && sc.Contains(url, StringComparison.Ordinal),
            "the job detail with its URL and tunnel");
        Assert.Contains($"{url} (the app's full URL once its tunnel is open)", detail);
        Assert.Contains("not open: info, connect or the first request", detail);
        tmux.Keys("Escape");
        tmux.WaitFor("Queue: 1 of 1 jobs");

        // curl through the URL the detail showed: the first request opens the tunnel.
        using var http = new HttpClient();
        using (var page = await http.GetAsync(url))
        {
            Assert.True(page.IsSuccessStatusCode, $"{url}: {(int)page.StatusCode}");
            Assert.Contains("An interactive dummy job answers", await page.Content.ReadAsStringAsync());
        }
        var api = Scripting.Api.LegacyApiClient.Over($"http://127.0.0.1:{port}");
        var info = await api.Request($"{name}/1001/dummy_1001/info");
        Assert.Equal(200, info.Status);
        tmux.Keys("Enter");
        detail = tmux.WaitFor("open since");
        Assert.Contains(info.Json.GetProperty("url").GetString()!, detail);
        tmux.Keys("Escape");
        tmux.WaitFor("Queue: 1 of 1 jobs"); // an Esc followed at once by q would read as Alt+Q
        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
    }
}

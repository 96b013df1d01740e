using Dssr.Testing;

namespace Dssr.Tui.Tests;

/// <summary>The real dssr console in a real terminal (tmux, private socket), driven by keys as an operator would.</summary>
public class ConsoleEndToEndTests
{
    private static string Command(string state, int port, string extra = "")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        return "stty -a > " + state + "/stty-before; printf 'BEFORE-DSSR\\n'; env -u NO_COLOR DSSR_STATE_DIR=" + state + " WAITRESS_PORT=" + port +
               " JARVICE_DUMMY_JOB_QUEUED_TIME=2 JARVICE_DUMMY_JOB_RUNNING_TIME=120 DSSR_QUEUE_MAX_AGE_MS=300 " + extra +
               " dotnet '" + dll.Replace("'", "'\\''") + "'; echo EXIT=$?; stty -a > " + state + "/stty-after; cmp -s " + state + "/stty-before " + state +
               "/stty-after && echo STTY-SAME || echo STTY-DIFFERENT; sleep 600";
    }

    [Fact]
    public void An_operator_submits_filters_terminates_checks_diagnostics_and_quits()
    {
        using var state = new TempDirectory();
        var port = DssrProcess.FreePort();
        using var tmux = new Tmux(Command(state.Path, port));

        tmux.WaitFor(s => s.Contains("default      dummy") && s.Contains("yes") && s.Contains($"API http://127.0.0.1:{port}"), "the dummy cluster");

        tmux.Keys("n");
        tmux.WaitFor(s => Row(s, "dummy_1001").Contains(" PD "), "the sample job queued");
        tmux.WaitFor(s => Row(s, "dummy_1001").Contains(" R "), "the sample job running");
        tmux.Keys("n");
        tmux.WaitFor("2 of 2 jobs");

        tmux.Keys("/");
        tmux.Type("1002");
        tmux.Keys("Enter");
        var filtered = tmux.WaitFor("1 of 2 jobs");
        Assert.Contains("dummy_1002", filtered);
        Assert.DoesNotContain("dummy_1001", filtered);
        tmux.Keys("Escape");
        tmux.WaitFor("2 of 2 jobs");

        tmux.Keys("G"); // the oldest job, dummy_1001, is last in the default order
        tmux.Keys("t");
        tmux.WaitFor("Terminate job dummy_1001");
        tmux.Keys("y");
        tmux.WaitFor(s => Row(s, "dummy_1001").Contains(" CA "), "the job terminated");
        tmux.WaitFor(s => Row(s, "dummy_1002").Contains(" R "), "the other job still running");

        tmux.Keys("2");
        tmux.WaitFor(s => s.Contains("Dssr init report") && s.Contains("✓ cluster reachable"), "the diagnostics report");

        tmux.Keys("q");
        var after = tmux.WaitFor("EXIT=0");
        Assert.Contains("STTY-SAME", tmux.WaitFor("STTY-"));
        Assert.Contains("BEFORE-DSSR", after); // the alternate screen is gone: the shell's screen is back
        Assert.DoesNotContain("Diagnostics of", after);
    }

    [Fact]
    public void A_busy_api_port_still_opens_the_console_and_the_header_says_so()
    {
        using var state = new TempDirectory();
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;
        using var tmux = new Tmux(Command(state.Path, port));
        tmux.WaitFor(s => s.Contains("API NOT SERVING") && s.Contains("busy") && s.Contains("default      dummy"), "the busy header");
        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
    }

    [Fact]
    public async Task Read_only_hides_the_actions()
    {
        using var state = new TempDirectory();
        var port = DssrProcess.FreePort();
        using var tmux = new Tmux(Command(state.Path, port).Replace("dssr.dll';", "dssr.dll' --read-only;"), width: 160);
        var screen = tmux.WaitFor(s => s.Contains("READ-ONLY") && s.Contains("default      dummy"), "the read-only console");
        Assert.DoesNotContain("n new sample job", screen);
        Assert.DoesNotContain("t terminate", screen);
        tmux.Keys("n");
        // Keys are handled in order: once the help that '?' opens is drawn, 'n' has been handled.
        tmux.Keys("?");
        tmux.WaitFor("read-only: keys that change jobs are hidden");
        // A sample job would be queued for 2 s: the API would list it now.
        using (var http = new HttpClient())
            Assert.Equal("[]\n", await http.GetStringAsync($"http://127.0.0.1:{port}/queued"));
        tmux.Keys("Escape");
        Assert.Contains("0 of 0 jobs", tmux.WaitFor("0 of 0 jobs"));
        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
    }

    private static string Row(string screen, string jobId) =>
        screen.Split('\n').FirstOrDefault(l => l.Contains(jobId)) ?? "";

    [Fact]
    public void The_repl_pane_evaluates_against_the_live_service()
    {
        using var state = new TempDirectory();
        // 40 rows: both answers of Running (ten lines each with the echoed input) fit in the output at once.
        using var tmux = new Tmux(Command(state.Path, DssrProcess.FreePort()), width: 100, height: 40);
        tmux.WaitFor("default      dummy");
        tmux.Keys(":");
        tmux.WaitFor("C# REPL on the live service");
        tmux.Type("var answer = 6 * 7");
        tmux.Keys("\\;", "Enter"); // a literal ';' (tmux reads a bare one as a command separator)
        tmux.WaitFor("> var answer = 6 * 7;");
        tmux.Type("answer + Clusters.All.Count");
        tmux.Keys("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "43"), "the value 43", seconds: 60); // the first line may wait for Roslyn
        tmux.Type("Cluster().ConnectorName");
        tmux.Keys("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "dummy"), "the connector's name");
        tmux.Type("Jobs.Count()");
        tmux.Keys("Enter");
        tmux.WaitFor("> Jobs.Count()");
        tmux.Type("Clusters.Select(c => c.Name)");
        tmux.Keys("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "default"), "the cluster names");
        tmux.Type("await Api.Running()");
        tmux.Keys("Enter");
        tmux.Type("Api.Running()");
        tmux.Keys("Enter");
        var answers = tmux.WaitFor(s => s.Split('\n').Count(l => l.Contains("Status") && l.Contains("200")) >= 2, "both answers of Running", seconds: 30);
        Assert.DoesNotContain("IsCompleted", answers); // the Task is awaited, not shown
        tmux.Type("Jobs.");
        tmux.Keys("Tab");
        tmux.WaitFor(s => s.Contains("ByState") && s.Contains("completions"), "the completion popup on Jobs.", seconds: 120);
        tmux.Keys("Escape");
        tmux.Keys("Escape");
        tmux.WaitFor("Queue: 0 of 0 jobs");
        tmux.Keys("q");
        tmux.WaitFor("EXIT=0");
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("INT")]
    public void A_signal_stops_the_console_and_the_terminal_is_as_it_was(string signal)
    {
        using var state = new TempDirectory();
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        var s = state.Path;
        using var tmux = new Tmux($"stty -a > {s}/before; sh -c 'echo $$ > {s}/pid; exec env DSSR_STATE_DIR={s} WAITRESS_PORT={DssrProcess.FreePort()} dotnet \"{dll}\"'; " +
                                  $"echo EXIT=$?; stty -a > {s}/after; printf 'MODES='; tmux display -p '#{{alternate_on}}#{{mouse_any_flag}}'; sleep 600");
        tmux.WaitFor("default      dummy");
        var console = TestProcess.Of(int.Parse(File.ReadAllText(Path.Combine(s, "pid")).Trim()))!.Value;
        try
        {
            Signal(signal, console.Pid);
            Assert.True(console.WaitForExit(TimeSpan.FromSeconds(60)), $"the console still runs 60 s after SIG{signal}");
            AssertSignalOutcome(signal, tmux, s);
        }
        finally { console.Kill(); }
    }

    [Fact]
    public void A_setting_the_connector_refuses_puts_the_terminal_back_and_prints_its_one_line()
    {
        // The terminal opens while the service is built; a connector that refuses its settings is found then.
        using var state = new TempDirectory();
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        var s = state.Path;
        using var tmux = new Tmux($"stty -a > {s}/before; env -u JARVICE_SLURM_CLUSTER_ADDR DSSR_STATE_DIR={s} WAITRESS_PORT={DssrProcess.FreePort()} " +
                                  $"JARVICE_BAREMETAL_CONNECTOR=slurm dotnet \"{dll}\"; " +
                                  $"echo EXIT=$?; stty -a > {s}/after; printf 'MODES='; tmux display -p '#{{alternate_on}}#{{mouse_any_flag}}'; sleep 600");
        var after = tmux.WaitFor(screen => System.Text.RegularExpressions.Regex.IsMatch(screen, @"MODES=\d\d"), "the terminal modes after the console");
        Assert.Contains("EXIT=2", after);
        Assert.Contains("JARVICE_SLURM_CLUSTER_ADDR is not set", after);
        Assert.Contains("MODES=00", after);
        Assert.Equal(File.ReadAllText(Path.Combine(s, "before")), File.ReadAllText(Path.Combine(s, "after")));
    }

    /// <summary>How the console was started in the terminal that goes away.</summary>
    public enum Launch
    {
        /// <summary>It leads the terminal's session: the kernel sends it SIGHUP.</summary>
        SessionLeader,
        /// <summary>A shell's child in the foreground group, the shell waiting for it.</summary>
        ShellChild,
        /// <summary>With SIGHUP ignored (as nohup starts it): only the hung-up tty tells it.</summary>
        HangUpIgnored,
    }

    [Theory]
    [InlineData(Launch.SessionLeader)]
    [InlineData(Launch.ShellChild)]
    [InlineData(Launch.HangUpIgnored)]
    public void A_killed_terminal_ends_the_console(Launch launch)
    {
        using var state = new TempDirectory();
        var dll = Path.Combine(AppContext.BaseDirectory, "dssr.dll");
        var s = state.Path;
        var run = $"echo $$ > {s}/pid; exec env DSSR_STATE_DIR={s} WAITRESS_PORT={DssrProcess.FreePort()} dotnet \"{dll}\"";
        using var tmux = new Tmux(launch switch
        {
            Launch.SessionLeader => run,
            Launch.ShellChild => $"sh -c '{run}'; sleep 600",
            _ => $"trap '' HUP; {run}",
        });
        tmux.WaitFor("default      dummy");
        var console = TestProcess.Of(int.Parse(File.ReadAllText(Path.Combine(s, "pid")).Trim()))!.Value;
        try
        {
            Assert.Contains(console, tmux.Processes());
            tmux.KillServer(); // the terminal goes away under the running console
            Assert.True(console.WaitForExit(TimeSpan.FromSeconds(60)), $"the console (pid {console.Pid}) still runs 60 s after its terminal was closed");
        }
        finally { console.Kill(); }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString()])!;
        kill.WaitForExit();
    }

    private static void AssertSignalOutcome(string signal, Tmux tmux, string s)
    {
        var after = tmux.WaitFor(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"MODES=\d\d"), "the terminal modes after the console");
        // The console stops itself and puts the terminal back; the runtime may then still end with 128+signal.
        var code = signal switch { "TERM" => 143, "HUP" => 129, _ => 130 };
        Assert.True(after.Contains("EXIT=0") || after.Contains($"EXIT={code}"), after);
        Assert.Contains("MODES=00", after); // no alternate screen, no mouse tracking left on
        Assert.Equal(File.ReadAllText(Path.Combine(s, "before")), File.ReadAllText(Path.Combine(s, "after")));
    }
}

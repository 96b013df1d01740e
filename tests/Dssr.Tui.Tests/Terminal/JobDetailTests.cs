using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;
using Dssr.Scripting.Api;
using Dssr.Testing;
using Dssr.Tui.Composition;
using Dssr.Tui.Terminal;
using Dssr.Tui.Tests.Views;
using Dssr.Tui.ViewModels;
using Terminal.Gui.Input;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>The job detail of a real service's jobs: where a job was placed and why, an interactive job's URL and tunnel, never its secrets.</summary>
[Collection(nameof(TerminalGui))]
public sealed class JobDetailTests
{
    private const string Name = "20240101120000-ABCDE-desk-me_s1";

    private static QueueRow Row(string cluster, string jobId, long number) =>
        new(Name, number, cluster, jobId, "R", JobPhase.Running, TimeSpan.Zero, "-", "-");

    /// <summary>The detail as the console draws it, opened with Enter in the in-memory driver.</summary>
    private static string OnScreen(JobDetail detail)
    {
        using var s = new ScreenHarness(200, 50);
        s.H.Actions.DetailOf = _ => detail;
        s.Press(Key.Enter);
        Assert.Equal(ConsoleMode.Detail, s.Model.Mode);
        return s.Screen;
    }

    private static string Field(JobDetail d, string name) => d.Record.Single(f => f.Field == name).Value;

    [Fact]
    public async Task An_interactive_jobs_detail_shows_its_url_and_tunnel_and_never_its_password_or_token()
    {
        using var state = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0",
            ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600",
            ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
            // The desktop's template puts the password in the URL; a token prefix too.
            [InteractiveSettings.UrlTemplateSetting] = "https://%PUBLICADDR%/vnc.html?password=%NIMBIXPASSWD%&t=%RANDOM32%",
        };
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, env);
        var answer = await LegacyApiClient.Over(service.Host.Address).Submit(Name, 801, "#!/bin/bash\nJOBOBJ_INTERACTIVE=True\n");
        Assert.Equal(200, answer.Status);
        var secrets = service.Host.Journal.FindByJobId("default", "dummy_801")!.Secrets!;
        var actions = new ServiceActions(service.Host);
        var tunnels = service.Host.Clusters.Default.Interactive!;
        var publicBase = tunnels.Domain.BaseUrl(801);

        var before = actions.Detail(Row("default", "dummy_801", 801));
        Assert.StartsWith("not open", Field(before, "tunnel"));
        Assert.StartsWith(publicBase, Field(before, "url"));
        Assert.Empty(tunnels.All); // the detail opens nothing by itself

        var opened = await service.Host.Clusters.Default.TunnelOfNumberAsync(801, CancellationToken.None);
        Assert.NotNull(opened?.Tunnel);
        Assert.Contains(secrets.Password, opened.Tunnel.Url); // the published URL carries both
        Assert.Contains(secrets.Random(32), opened.Tunnel.Url);

        var after = actions.Detail(Row("default", "dummy_801", 801));
        Assert.Equal($"{publicBase}vnc.html?password={SecretText.Mask}&t={SecretText.Mask}", Field(after, "url"));
        Assert.StartsWith("open since", Field(after, "tunnel"));
        Assert.Contains("0 connection(s) open", Field(after, "tunnel"));

        var screen = OnScreen(after);
        Assert.Contains($"password={SecretText.Mask}", screen);
        Assert.Contains("open since", screen);
        Assert.DoesNotContain(secrets.Password, screen);
        Assert.DoesNotContain(secrets.Random(16), screen);
    }

    [Fact]
    public void The_secrets_are_taken_out_of_every_text_of_the_detail()
    {
        var secrets = JobSecrets.Generate();
        var leaky = new JobDetail(Row("default", "j1", 1), [("url", "x?p=" + secrets.Password + "&t=" + secrets.Random(64))],
            "export P=" + secrets.Token, ["--comment=" + secrets.Random(16)], ["run " + secrets.Random(32)]) { Output = secrets.Password };
        var hidden = SecretText.Hide(leaky, secrets);
        var all = string.Join("\n", hidden.Record.Select(r => r.Value).Concat([hidden.Script, hidden.Output!]).Concat(hidden.SbatchArguments).Concat(hidden.RemoteCommands));
        Assert.DoesNotContain(secrets.Password, all);
        Assert.DoesNotContain(secrets.Random(16), all);
        Assert.Equal(6, all.Split(SecretText.Mask).Length - 1);
    }

    [Fact]
    public async Task A_failed_over_jobs_detail_says_where_it_was_placed_and_why()
    {
        using var state = new TempDirectory();
        var (key, knownHosts) = ClusterFiles.Make(state.Path);
        var closed = DssrProcess.FreePort(); // nothing listens there: the connection is refused
        var yaml = "clusters:\n" + ClusterFiles.SlurmEntry("default", closed, key, knownHosts, connectTimeout: 5).TrimEnd() +
                   "\n    failover: [backup]\n  - name: backup\n    connector: dummy\n    preferred_jobs: [cpu]\n";
        var env = new Dictionary<string, string> { ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "0", ["JARVICE_DUMMY_JOB_RUNNING_TIME"] = "600", ["JARVICE_SYSTEM_REGISTRY"] = "reg.example", ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice" };
        await using var service = await TestService.StartAsync(ConnectorCatalog.Registry(), state.Path, env, yaml: yaml);
        var answer = await LegacyApiClient.Over(service.Host.Address).Submit(Name, 9, SampleJob.Script);
        Assert.True(answer.Status == 200, answer.Body);
        var jobId = answer.Json[0].GetString()!;

        var detail = new ServiceActions(service.Host).Detail(Row("backup", jobId, 9));
        var placement = Field(detail, "placement");
        Assert.StartsWith("placed on backup after default unreachable (", placement);
        Assert.EndsWith("(prefers cpu jobs)", placement);
        Assert.StartsWith("default", Field(detail, "submitted to"));
        var screen = OnScreen(detail);
        Assert.Contains("placed on backup after default unreachable", screen);
    }

    [Fact]
    public async Task The_detail_shows_the_submits_named_steps_as_the_connector_kept_them()
    {
        using var state = new TempDirectory();
        var registry = new ConnectorRegistry().Register(context => new SteppedDummy(new Dssr.Connectors.Dummy.DummyConnector(context)),
            [.. Dssr.Connectors.Dummy.DummySettingsCatalog.All, .. InteractiveSettings.All], "stepped");
        await using var service = await TestService.StartAsync(registry, state.Path,
            new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = "stepped", ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "60" });
        var answer = await LegacyApiClient.Over(service.Host.Address).Submit(Name, 3, SampleJob.Script);
        var detail = new ServiceActions(service.Host).Detail(Row("default", answer.Json[0].GetString()!, 3));

        var steps = detail.Record.Where(f => f.Field == "submit").Select(f => f.Value).ToList();
        Assert.Equal(["map-user  me  OK  1 ms", $"pre-submit  10-account.csx ok  OK  2 ms"], steps);
        Assert.Contains("map-user  me  OK  1 ms", OnScreen(detail));
    }

    /// <summary>The dummy cluster with a submit log of named steps, as the Slurm connector keeps one.</summary>
    private sealed class SteppedDummy(IConnector inner) : IConnector, ISubmitStepSource
    {
        private readonly HashSet<string> _submitted = [];
        public IReadOnlyList<string> SubmitSteps(string jobName) => _submitted.Contains(jobName)
            ? ["step map-user  me  OK  1 ms", "    + user: me", "step pre-submit  10-account.csx ok  OK  2 ms"]
            : [];
        public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);
        public Task<bool> IsReachableAsync(CancellationToken ct) => inner.IsReachableAsync(ct);
        public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
        {
            _submitted.Add(request.Name);
            return inner.SubmitAsync(request, ct);
        }
        public Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct) => inner.QueryQueueAsync(ct);
        public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job) => inner.RunStatus(snapshot, job);
        public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct) => inner.ExitStatusAsync(job, ct);
        public Task TerminateAsync(JobRef job, CancellationToken ct) => inner.TerminateAsync(job, ct);
        public Task ReleaseAsync(JobRef job, CancellationToken ct) => inner.ReleaseAsync(job, ct);
        public Task<string> EventsAsync(JobRef job, CancellationToken ct) => inner.EventsAsync(job, ct);
        public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct) => inner.RequestAsync(path, query, ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using System.Text;
using System.Text.Json;
using Dssr.Connectors.Dummy;
using Dssr.Engine.Connectors;
using Dssr.Engine.Observability;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Integration.Tests.Observability;

/// <summary>The upstream conversation recorded against the dummy cluster, masked, and replayed against a fresh Dssr.</summary>
public sealed class RecordReplayTests
{
    private const string Bearer = "eyBearerToken.SECRET-bearer-7f3a";
    private const string Password = "pw-SECRET-91c2";
    private const string ScriptPassword = "hunter2-SECRET";
    private const string CtrSecret = "eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlIjp7ImF1dGgiOiJkWE5sY2pwd1lYTnoifX19-SECRET";
    private const string DockerSecret = "ZG9ja2VyOnNlY3JldA==-SECRET";
    private const string KeyBody = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-SECRET-KEY-BODY";
    private const string Name = "20260101120000-ABCDE-myapp-kirby_s1";

    private static Dictionary<string, string> DummyEnv(string? record = null)
    {
        var env = new Dictionary<string, string>
        {
            ["JARVICE_DUMMY_SEED"] = "1",
            ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "3600", // answers that do not depend on when they are asked
            ["DSSR_QUEUE_MAX_AGE_MS"] = "0",
        };
        if (record is not null) env["DSSR_RECORD"] = record;
        return env;
    }

    private static string Script() =>
        "#!/bin/bash\nJOBOBJ_APPDEFVERSION=2\n" +
        $"JOBOBJ_CTRSECRET={CtrSecret}\nJOBOBJ_DOCKER_SECRET={DockerSecret}\nexport DB_PASSWORD={ScriptPassword}\n" +
        $"cat > key <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\n{KeyBody}\n-----END OPENSSH PRIVATE KEY-----\nEOF\necho done\n";

    private static string SubmitArgs() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = Name,
        ["number"] = 42,
        ["nodes"] = 1,
        ["hpc_script"] = new Dictionary<string, string> { ["singularity"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Script())) },
        ["bearer"] = Bearer,
        ["password"] = Password,
    });

    private static string JobArgs() => $$"""{"name":"{{Name}}","number":42,"jobid":"dummy_42"}""";

    /// <summary>What the upstream does in one pass of a job's life, with a mistake and a stray path; returns how many requests it made.</summary>
    private static async Task<int> ConverseAsync(TestService dssr)
    {
        var statuses = new List<int>();
        async Task Send(Task<HttpResponseMessage> request)
        {
            using var response = await request;
            statuses.Add((int)response.StatusCode);
        }
        await Send(dssr.Http.GetAsync("/live"));
        await Send(dssr.Http.GetAsync("/nodes"));
        await Send(dssr.PostArgs("/submit", SubmitArgs()));
        await Send(dssr.Http.GetAsync("/queued"));
        await Send(dssr.Http.GetAsync("/running"));
        await Send(dssr.PostArgs("/runstatus", JobArgs()));
        await Send(dssr.PostArgs("/submit", """{"name":"x"}""")); // a 400 naming the field
        await Send(dssr.Http.GetAsync("/nowhere")); // a 404
        await Send(dssr.PostArgs("/terminate", JobArgs()));
        await Send(dssr.Http.GetAsync("/queued"));
        Assert.Contains(400, statuses);
        Assert.Contains(404, statuses);
        Assert.Equal(8, statuses.Count(s => s == 200));
        return statuses.Count;
    }

    [Fact]
    public async Task A_recording_replays_against_a_fresh_dssr_with_no_differences_and_a_changed_answer_is_reported()
    {
        using var state = new TempDirectory();
        var file = Path.Combine(state.Path, "conversation.jsonl");
        int sent;
        await using (var recorded = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), Path.Combine(state.Path, "a"), DummyEnv(file)))
            sent = await ConverseAsync(recorded);

        var recording = Replayer.Read(file);
        Assert.Equal(sent, recording.Count);
        Assert.Equal(["/live", "/nodes", "/submit"], recording.Take(3).Select(r => r.Path));
        Assert.All(recording, r => Assert.True(r.Bytes > 0 && r.Milliseconds >= 0 && r.RequestId.Length > 0, $"{r}"));
        Assert.Equal(400, recording[6].Status);
        Assert.Equal([2], recording.Select((r, i) => (r, i)).Where(x => x.r.Masked).Select(x => x.i)); // only the submit held secrets

        await using (var fresh = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), Path.Combine(state.Path, "b"), DummyEnv()))
        {
            var (exit, output) = await ReplayAsync(file, fresh.Host.Address);
            Assert.True(exit == 0, output);
            Assert.Contains($"{sent} requests replayed", output);
            Assert.Contains("no differences (1 with masked secrets compared by status only)", output);
        }

        // One answer of the recording changed (as an upgrade could change it): reported, exit 1.
        var lines = File.ReadAllLines(file);
        var nodes = JsonSerializer.Deserialize<RecordedExchange>(lines[1])!;
        lines[1] = JsonSerializer.Serialize(nodes with { Bytes = nodes.Bytes + 3 });
        var changed = Path.Combine(state.Path, "changed.jsonl");
        await File.WriteAllLinesAsync(changed, lines);
        await using (var fresh = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), Path.Combine(state.Path, "c"), DummyEnv()))
        {
            var (exit, output) = await ReplayAsync(changed, fresh.Host.Address);
            Assert.Equal(1, exit);
            Assert.Contains($"line 2: GET /nodes (request {nodes.RequestId}): bytes {nodes.Bytes + 3} -> {nodes.Bytes}", output);
            Assert.Contains("1 differ", output);
        }
    }

    [Fact]
    public async Task A_recording_holds_no_bearer_password_registry_credential_or_private_key()
    {
        using var state = new TempDirectory();
        var file = Path.Combine(state.Path, "conversation.jsonl");
        await using (var recorded = await TestService.StartAsync(new ConnectorRegistry().AddDummy(), state.Path, DummyEnv(file)))
        {
            recorded.UseBasicAuth("upstream", "basic-SECRET"); // the API is open: the header is sent and ignored, and must not be recorded
            await ConverseAsync(recorded);
        }
        var text = await File.ReadAllTextAsync(file);
        var submit = Replayer.Read(file).First(r => r.Path == "/submit" && r.Status == 200);
        using var args = JsonDocument.Parse(submit.Args!);
        var script = Encoding.UTF8.GetString(Convert.FromBase64String(args.RootElement.GetProperty("hpc_script").GetProperty("singularity").GetString()!));
        string[] secrets = [Bearer, Password, ScriptPassword, CtrSecret, DockerSecret, KeyBody, "basic-SECRET", Convert.ToBase64String("upstream:basic-SECRET"u8.ToArray())];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, script);
        }
        Assert.Equal(SecretMask.Mask, args.RootElement.GetProperty("bearer").GetString());
        Assert.Equal(SecretMask.Mask, args.RootElement.GetProperty("password").GetString());
        Assert.Contains($"JOBOBJ_CTRSECRET={SecretMask.Mask}\n", script);
        Assert.Contains($"JOBOBJ_DOCKER_SECRET={SecretMask.Mask}\n", script);
        Assert.Contains($"export DB_PASSWORD={SecretMask.Mask}\n", script);
        Assert.Contains("echo done", script); // the rest of the script is kept, so a replay submits the same job
        Assert.Equal(42, args.RootElement.GetProperty("number").GetInt32());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    private static async Task<(int Exit, string Output)> ReplayAsync(string file, string against)
    {
        var output = new StringWriter();
        var exit = await ReplayCommand.RunAsync(file, against, speed: null, serverKey: null, output, output, CancellationToken.None);
        return (exit, output.ToString());
    }
}

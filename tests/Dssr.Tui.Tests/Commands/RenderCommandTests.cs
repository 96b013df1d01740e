using System.Text;
using System.Text.Json;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Tui.Tests.Commands;

public class RenderCommandTests
{
    private const string Password = "render-test-password-77";

    private static readonly Dictionary<string, string> Env = new()
    {
        ["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev",
        ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images",
        ["JARVICE_DOCKER_USERNAME"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("_json_key")),
        ["JARVICE_DOCKER_PASSWORD"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)),
    };

    private const string Script =
        "JOBOBJ_INTERACTIVE=False\nJOBOBJ_APPDEFVERSION=2\nJOBOBJ_REPO=reg.io/a/b:1\nJARVICE_CPU_CORES=4\nJARVICE_CMD=true\n" +
        "{DOWNSTREAM_PARAMETERS}\necho JARVICE_CMD_SUCCESS\n";

    private static (int Code, string Out, string Err) Run(string path, string stdin = "", bool json = false, bool secrets = false,
        IReadOnlyDictionary<string, string>? env = null, int nodes = 1)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = RenderCommand.Run(path, "20240101120000-ABCDE-app-me_s1", 1, nodes, json, secrets, new StringReader(stdin), o, e, env ?? Env);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Plain_script_file_prints_the_sbatch_line_and_the_redacted_script()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "job.sh");
        File.WriteAllText(path, Script);
        var (code, stdout, _) = Run(path, nodes: 2);
        Assert.Equal(0, code);
        Assert.StartsWith("# sbatch --parsable -J jarvice_20240101120000-ABCDE-app-me_s1 -o .jarvice/20240101120000-ABCDE-app-me_s1.out -N 2 -n 8 --exclusive\n#!/bin/bash\n", stdout);
        Assert.Contains("export JARVICE_INIT_DOCKER_PASSWORD='<redacted>'", stdout);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), stdout);
    }

    [Fact]
    public void Base64_file_and_stdin_give_the_same_output_as_plain_text()
    {
        using var dir = new TempDirectory();
        var plain = Path.Combine(dir.Path, "plain.sh");
        var b64 = Path.Combine(dir.Path, "b64.txt");
        File.WriteAllText(plain, Script);
        File.WriteAllText(b64, Convert.ToBase64String(Encoding.UTF8.GetBytes(Script)) + "\n");
        var expected = Run(plain).Out;
        Assert.Equal(expected, Run(b64).Out);
        Assert.Equal(expected, Run("-", stdin: Script).Out);
    }

    [Fact]
    public void Show_secrets_prints_the_script_as_sent() =>
        Assert.Contains($"export JARVICE_INIT_DOCKER_PASSWORD={Dssr.Engine.Remote.ShellQuoting.Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)))}\n",
            Run("-", stdin: Script, secrets: true).Out);

    [Fact]
    public void Json_output_has_the_argv_the_script_and_the_notes()
    {
        var (code, stdout, _) = Run("-", stdin: Script, json: true);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("--parsable", doc.RootElement.GetProperty("sbatch")[0].GetString());
        Assert.StartsWith("#!/bin/bash\n", doc.RootElement.GetProperty("script").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("notes").ValueKind);
    }

    [Theory]
    [InlineData(Script + "echo {x}\n", "hpc_script.singularity: unknown placeholder {x}")]
    [InlineData("JOBOBJ_APPDEFVERSION=1\n", "hpc_script.singularity.JOBOBJ_APPDEFVERSION:")]
    public void Bad_script_exits_2_with_the_reason(string script, string reason)
    {
        var (code, stdout, stderr) = Run("-", stdin: script);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("dssr render: " + reason, stderr);
    }

    [Fact]
    public void Missing_file_exits_2() => Assert.Equal(2, Run("/nonexistent/dssr-render.sh").Code);

    [Fact]
    public void Bad_configuration_exits_2_naming_the_variable()
    {
        var env = new Dictionary<string, string>(Env) { ["JARVICE_DOCKER_PASSWORD"] = "not base64!" };
        var (code, _, stderr) = Run("-", stdin: Script, env: env);
        Assert.Equal(2, code);
        Assert.Contains("JARVICE_DOCKER_PASSWORD", stderr);
    }

    [Fact]
    public void Unset_system_image_variables_render_with_visible_placeholders()
    {
        var (code, stdout, stderr) = Run("-", stdin: Script, env: new Dictionary<string, string>());
        Assert.Equal(0, code);
        Assert.Contains("export JARVICE_INIT_IMAGE='docker://<JARVICE_SYSTEM_REGISTRY>/<JARVICE_SYSTEM_REPO_BASE>/initv2:latest'", stdout);
        Assert.Contains("JARVICE_SYSTEM_REGISTRY is not set", stderr);
    }
}

using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary><c>dssr script</c> as a process: exit codes, errors on stderr, --serve, and the cache across runs.</summary>
public class ScriptCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Env() => new() { ["DSSR_STATE_DIR"] = Path.Combine(_dir.Path, "state") };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task The_exit_code_is_the_scripts_and_a_second_run_loads_the_cached_compile()
    {
        Write("lib.csx", "int Plus(int a, int b) => a + b;");
        var main = Write("main.csx", "#load \"lib.csx\"\nConsole.WriteLine($\"args {string.Join(' ', Args)}\");\nreturn Plus(int.Parse(Args[0]), int.Parse(Args[1]));");
        var first = await DssrScriptProcess.StartAsync(Env(), main, "40", "2");
        Assert.True(first.ExitCode == 42, first.Stderr);
        Assert.Equal("args 40 2\n", first.Stdout);
        Assert.Equal("", first.Stderr);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "state", "script-cache"), "*.dll"));

        var second = await DssrScriptProcess.StartAsync(Env(), main, "1", "2");
        Assert.Equal(3, second.ExitCode);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "state", "script-cache"), "*.dll"));
        Assert.True(second.Took < first.Took, $"second run {second.Took}, first {first.Took}");
    }

    [Fact]
    public async Task An_unhandled_exception_is_exit_1_and_one_line_on_stderr()
    {
        var run = await DssrScriptProcess.StartAsync(Env(), Write("throws.csx", "throw new TimeoutException(\"squeue did not answer\");"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("dssr script: TimeoutException: squeue did not answer\n", run.Stderr);
    }

    [Fact]
    public async Task A_script_that_does_not_compile_or_does_not_exist_is_exit_2()
    {
        var broken = Write("broken.csx", "return nope;");
        var run = await DssrScriptProcess.StartAsync(Env(), broken);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"dssr script: broken.csx does not compile:\n{broken}(1,8): error CS0103: The name 'nope' does not exist in the current context\n", run.Stderr);

        var missing = await DssrScriptProcess.StartAsync(Env(), Path.Combine(_dir.Path, "missing.csx"));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("dssr script: no such script:", missing.Stderr);
    }

    [Fact]
    public async Task Without_serve_there_is_no_http_server_and_with_it_the_api_answers_over_http()
    {
        var probe = Write("probe.csx", """
            var http = new HttpClient();
            try { Console.WriteLine((await http.GetStringAsync(Args[0] + "/live")).Trim()); }
            catch (HttpRequestException) { Console.WriteLine("no server"); }
            """);
        var port = DssrScriptProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var without = await DssrScriptProcess.StartAsync(Env(), probe, url);
        Assert.Equal("no server\n", without.Stdout);
        var with = await DssrScriptProcess.StartAsync(Env(), probe, "--serve", "--listen", url, "--", url);
        Assert.True(with.ExitCode == 0, with.Stderr);
        Assert.Equal("{\"status\":\"OK\"}\n", with.Stdout);
    }

    [Fact]
    public async Task DSSR_SCRIPT_CACHE_moves_the_cache_out_of_the_state_folder()
    {
        var cache = Path.Combine(_dir.Path, "elsewhere");
        var env = Env();
        env["DSSR_SCRIPT_CACHE"] = cache;
        var run = await DssrScriptProcess.StartAsync(env, Write("five.csx", "return 5;"));
        Assert.Equal(5, run.ExitCode);
        Assert.Single(Directory.GetFiles(cache, "*.dll"));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "state", "script-cache")));
    }
}

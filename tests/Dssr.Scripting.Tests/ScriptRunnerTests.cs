using Dssr.Scripting.Globals;
using Dssr.Scripting.Running;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>The .csx runner: exit codes, Args, #load by relative path, and the compiled-script cache.</summary>
[Collection(LiveServiceCollection.Name)]
public class ScriptRunnerTests(LiveService live) : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _out = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private ScriptCompiler Compiler => new(Path.Combine(_dir.Path, "cache"));

    private Task<ScriptOutcome> Run(string path, params string[] args) =>
        ScriptRunner.RunAsync(Compiler.Compile(path, typeof(ScriptGlobals)), new ScriptGlobals(live.Service.Host, args, _out), CancellationToken.None);

    [Fact]
    public async Task The_exit_code_is_the_int_the_script_returns()
    {
        var outcome = await Run(Write("code.csx", "return int.Parse(Args[0]) + 1;"), "6");
        Assert.Equal(new ScriptOutcome(7, null), outcome);
    }

    [Theory]
    [InlineData("Print(\"no return\");")]
    [InlineData("return \"not an int\";")]
    public async Task A_script_that_returns_no_int_exits_0(string code)
    {
        Assert.Equal(0, (await Run(Write("zero.csx", code))).ExitCode);
    }

    [Fact]
    public async Task An_unhandled_exception_is_exit_1_with_one_short_line()
    {
        var outcome = await Run(Write("throws.csx", "await Task.Yield();\nthrow new InvalidOperationException(\"cluster said no\\nat length\");"));
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("InvalidOperationException: cluster said no", outcome.Error);
        Assert.IsType<InvalidOperationException>(outcome.Exception);
    }

    [Fact]
    public async Task Load_resolves_relative_to_the_file_that_says_it()
    {
        Write("shared.csx", "const string Greeting = \"hello\";");
        Write("lib/helpers.csx", "#load \"../shared.csx\"\nstring Greet(string who) => $\"{Greeting} {who}\";");
        var main = Write("main.csx", "#load \"lib/helpers.csx\"\nPrint(Greet(Clusters.Default.Name));");
        Assert.Equal(0, (await Run(main)).ExitCode);
        Assert.Equal("hello default\n", _out.ToString());
    }

    [Fact]
    public void A_compile_error_names_the_file_line_and_column()
    {
        var path = Write("broken.csx", "var fine = 1;\nvar broken = undefinedThing;");
        var error = Assert.Throws<ScriptCompileException>(() => Compiler.Compile(path, typeof(ScriptGlobals)));
        Assert.Contains($"{path}(2,14): error CS0103", Assert.Single(error.Errors));
    }

    [Fact]
    public void A_second_compile_of_an_unchanged_script_loads_the_cached_assembly_and_is_faster()
    {
        Write("lib.csx", "int Three() => 3;");
        var main = Write("cached.csx", "#load \"lib.csx\"\nreturn Three();");
        var first = Compiler.Compile(main, typeof(ScriptGlobals));
        var second = Compiler.Compile(main, typeof(ScriptGlobals));
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.True(second.CompileTime < first.CompileTime, $"cached {second.CompileTime} vs compiled {first.CompileTime}");
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "cache"), "*.dll"));
    }

    [Fact]
    public async Task Changing_a_loaded_file_compiles_again()
    {
        var lib = Write("lib.csx", "int Value() => 1;");
        var main = Write("uses-lib.csx", "#load \"lib.csx\"\nreturn Value();");
        Assert.Equal(1, (await Run(main)).ExitCode);
        File.WriteAllText(lib, "int Value() => 2;");
        var recompiled = Compiler.Compile(main, typeof(ScriptGlobals));
        Assert.False(recompiled.FromCache);
        Assert.Equal(2, (await ScriptRunner.RunAsync(recompiled, new ScriptGlobals(live.Service.Host), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task A_cached_script_runs_as_the_compiled_one_did()
    {
        var main = Write("twice.csx", "Print(Args.Count); return Args.Count + 40;");
        Assert.Equal(41, (await Run(main, "a")).ExitCode);
        Assert.Equal(42, (await Run(main, "a", "b")).ExitCode);
        Assert.Equal("1\n2\n", _out.ToString());
    }

    [Fact]
    public async Task Cancellation_reaches_the_script_through_Ct()
    {
        var main = Write("waits.csx", "await Task.Delay(TimeSpan.FromMinutes(5), Ct); return 0;");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var outcome = await ScriptRunner.RunAsync(Compiler.Compile(main, typeof(ScriptGlobals)), new ScriptGlobals(live.Service.Host), cts.Token);
        Assert.Equal(130, outcome.ExitCode);
    }
}

using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class ReadmeKeysTests
{
    private const string Begin = "<!-- keys: generated from KeyMap by ReadmeKeysTests; DSSR_WRITE_README=1 dotnet test rewrites it -->";
    private const string End = "<!-- keys: end -->";

    [Fact]
    public void The_readme_keys_table_is_the_one_the_console_dispatches_on()
    {
        var path = Readme();
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has no generated keys table");
        var expected = Begin + "\n" + KeyMap.Markdown() + "\n" + End;
        var actual = text[start..(end + End.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("DSSR_WRITE_README") == "1")
        {
            File.WriteAllText(path, text[..start] + expected + text[(end + End.Length)..]);
            return;
        }
        Assert.Equal(expected, actual);
    }

    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && File.Exists(Path.Combine(dir.FullName, "Dssr.sln")))
                return Path.Combine(dir.FullName, "README.md");
        throw new FileNotFoundException("README.md above " + AppContext.BaseDirectory);
    }
}

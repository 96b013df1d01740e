namespace Dssr.Scripting.Tests;

/// <summary>Files of this checkout (the scripts/ folder), found from the test's output folder upwards.</summary>
public static class RepoFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dssr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dssr.sln not found above " + AppContext.BaseDirectory);
    }
}

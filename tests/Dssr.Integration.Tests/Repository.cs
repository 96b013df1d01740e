namespace Dssr.Integration.Tests;

/// <summary>This checkout: the folder holding Dssr.sln above the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dssr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dssr.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace Dssr.Integration.Tests.Reliability;

/// <summary>A tmpfs of its own, mounted for one test and unmounted (lazily, so open files do not stop it) after.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs Mount(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dssr-small-disk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        RootCommand.Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        RootCommand.Run("umount", "-l", Path);
        Directory.Delete(Path);
    }
}

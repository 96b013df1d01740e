namespace Dssr.Engine.Remote;

/// <summary>
/// A folder only this user can enter (0700), for the control socket, the key file and known_hosts;
/// removed on dispose. Kept short: a Unix socket path must fit in about 100 bytes.
/// </summary>
internal sealed class PrivateFolder : IDisposable
{
    public PrivateFolder()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dssr-" + Guid.NewGuid().ToString("N")[..10]);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the SSH transport needs a Unix system");
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // CreateDirectory applies the umask; state the mode outright.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Path = path;
    }

    public string Path { get; }

    public string Child(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

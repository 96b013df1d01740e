namespace Dssr.Integration.Tests.Reliability;

/// <summary>
/// A small ext4 file system of its own (an image on a loop device) mounted with <c>errors=remount-ro</c>, as a
/// state disk is: <see cref="FailIntoReadOnly"/> makes the kernel record a file system error, and ext4 turns the
/// disk read-only under the files open on it, as it does after an I/O error. Only unmounting ends that state.
/// </summary>
internal sealed class Ext4Disk : IDisposable
{
    private readonly string _image;
    private bool _mounted;

    private Ext4Disk(string image, string path)
    {
        _image = image;
        Path = path;
    }

    public string Path { get; }

    public static Ext4Disk Create(int megabytes)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var temp = System.IO.Path.GetTempPath();
        var disk = new Ext4Disk(System.IO.Path.Combine(temp, $"dssr-ext4-{id}.img"), System.IO.Path.Combine(temp, $"dssr-ext4-{id}"));
        using (var image = File.Create(disk._image)) image.SetLength(megabytes * 1024L * 1024);
        RootCommand.Run("mkfs.ext4", "-q", "-F", disk._image);
        Directory.CreateDirectory(disk.Path);
        disk.Mount();
        return disk;
    }

    /// <summary>Mounts the image (again), writable; a file system error since the last mount is repaired first.</summary>
    public void Mount()
    {
        RootCommand.Run([0, 1], "e2fsck", "-p", "-f", _image); // 1: errors were found and corrected
        RootCommand.Run("mount", "-o", "loop,errors=remount-ro", _image, Path);
        _mounted = true;
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Unmounts; fails the test while a file on the disk is still open.</summary>
    public void Unmount()
    {
        RootCommand.Run("umount", Path);
        _mounted = false;
    }

    /// <summary>An ext4 error on the disk (the kernel's own test hook): with errors=remount-ro, the disk is read-only from now on.</summary>
    public void FailIntoReadOnly()
    {
        var device = File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).First(f => f.Length > 1 && f[1] == Path)[0];
        File.WriteAllText($"/sys/fs/ext4/{System.IO.Path.GetFileName(device)}/trigger_fs_error", "state disk test");
        var probe = System.IO.Path.Combine(Path, "probe");
        var refused = Assert.ThrowsAny<IOException>(() => File.WriteAllText(probe, "x"));
        Assert.Contains("Read-only", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (_mounted) RootCommand.Run("umount", "-l", Path); // lazily: a failed test may leave a file open
        Directory.Delete(Path);
        File.Delete(_image);
    }
}

namespace Dssr.Engine.Jobs;

/// <summary>
/// Whether a path lies on a file system mounted read-only now (Linux's <c>/proc/self/mountinfo</c>): a disk the kernel
/// turned read-only after an error fails SQLite's writes as I/O errors, and the operator's fix is the disk, not the file.
/// </summary>
internal static class ReadOnlyMount
{
    public static bool Holds(string path)
    {
        try
        {
            return Holds(path, File.ReadLines("/proc/self/mountinfo"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether the mount that holds <paramref name="path"/> (the longest mount point above it) is read-only.</summary>
    public static bool Holds(string path, IEnumerable<string> mountinfo)
    {
        var full = System.IO.Path.GetFullPath(path);
        string? best = null;
        var readOnly = false;
        foreach (var line in mountinfo)
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue": field 5 the mount
            // point, field 6 the mount's options; after " - ", the file system type, its source and its options.
            var fields = line.Split(' ');
            if (fields.Length < 6) continue;
            var point = Unescape(fields[4]);
            if (!Under(full, point) || best is not null && point.Length <= best.Length) continue;
            best = point;
            var separator = Array.IndexOf(fields, "-", 6);
            var superOptions = separator > 0 && fields.Length > separator + 3 ? fields[separator + 3] : "";
            readOnly = IsReadOnly(fields[5]) || IsReadOnly(superOptions);
        }
        return readOnly;
    }

    // ext4 marks a disk it turned read-only after an error "emergency_ro" (Linux 6.x), leaving "rw" in place.
    private static bool IsReadOnly(string options) => options.Split(',') is var o && (o.Contains("ro") || o.Contains("emergency_ro"));

    private static bool Under(string path, string point) =>
        point == "/" || path == point || path.StartsWith(point + "/", StringComparison.Ordinal);

    // mountinfo writes a space, tab, newline and backslash in a path as octal escapes.
    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}

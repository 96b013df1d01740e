using Dssr.Engine.Jobs;

namespace Dssr.Engine.Tests.Jobs;

public sealed class ReadOnlyMountTests
{
    private static readonly string[] Mounts =
    [
        "27 1 0:25 / / rw,relatime - overlay overlay rw,lowerdir=/l",
        "45 27 7:0 / /srv/state rw,relatime - ext4 /dev/loop0 rw,errors=remount-ro,emergency_ro",
        "46 27 7:1 / /srv/state-ok rw,relatime - ext4 /dev/loop1 rw,errors=remount-ro",
        "47 27 0:30 / /mnt/ro\\040disk ro,relatime - tmpfs tmpfs ro,size=8192k",
        "48 47 0:31 / /mnt/ro\\040disk/inner rw,relatime - tmpfs tmpfs rw,size=8192k",
        "49 27 0:32 / /srv/opt-ro rw,relatime shared:5 - xfs /dev/vdb ro,attr2",
    ];

    [Theory]
    [InlineData("/srv/state/journal.db", true)]        // ext4 turned read-only after an error
    [InlineData("/srv/state-ok/journal.db", false)]    // a sibling whose name starts the same
    [InlineData("/mnt/ro disk/journal.db", true)]      // mounted read-only; the space escaped in mountinfo
    [InlineData("/mnt/ro disk/inner/journal.db", false)] // a writable mount inside a read-only one
    [InlineData("/srv/opt-ro/journal.db", true)]       // the file system itself read-only, optional fields before " - "
    [InlineData("/var/lib/dssr/journal.db", false)]    // the root
    public void The_mount_holding_a_path_decides_whether_it_is_read_only(string path, bool readOnly) =>
        Assert.Equal(readOnly, ReadOnlyMount.Holds(path, Mounts));

    [Fact]
    public void Lines_it_cannot_read_change_nothing() =>
        Assert.False(ReadOnlyMount.Holds("/srv/x", ["", "garbage", "1 2 3 4", "27 1 0:25 / / rw,relatime - overlay overlay rw"]));
}

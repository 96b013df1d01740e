using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Engine.Tests.Remote;

public sealed class RemotePidMarkerTests
{
    private readonly RemotePidMarker _marker = new();

    [Fact]
    public void Finds_the_pid_after_login_noise_and_strips_only_its_own_line()
    {
        var stderr = Encoding.UTF8.GetBytes($"bashrc says hi\n{_marker.Tag} 4242\nreal error\n");
        Assert.Equal(4242, _marker.FindPid(stderr));
        Assert.Equal("bashrc says hi\nreal error\n", Encoding.UTF8.GetString(_marker.Strip(stderr)));
    }

    [Fact]
    public void A_line_still_arriving_or_another_tag_is_not_taken_for_the_marker()
    {
        Assert.Null(_marker.FindPid(Encoding.UTF8.GetBytes($"{_marker.Tag} 42")));
        var other = new RemotePidMarker();
        var foreign = Encoding.UTF8.GetBytes($"{other.Tag} 4242\n");
        Assert.Null(_marker.FindPid(foreign));
        Assert.Equal(foreign, _marker.Strip(foreign));
    }
}

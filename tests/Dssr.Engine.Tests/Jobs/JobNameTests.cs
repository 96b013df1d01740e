using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;

namespace Dssr.Engine.Tests.Jobs;

public sealed class JobNameTests
{
    [Theory]
    [InlineData("20240101120000-ABCDE-app-user_s1")]
    [InlineData("a")]
    [InlineData("user@site+x.y")]
    public void Upstream_names_are_taken(string name) => Assert.Equal(name, JobName.Parse(name).Value);

    [Theory]
    [InlineData("")]
    [InlineData("-n")]
    [InlineData(".hidden")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("z\n")] // a final newline would split the job's squeue line in two: the job would vanish from every list
    [InlineData("z\r\n")]
    [InlineData("\nz")]
    public void Names_that_are_not_one_plain_word_are_refused_naming_the_field(string name)
    {
        Assert.False(JobName.IsValid(name));
        Assert.Equal("name", Assert.Throws<InvalidInputException>(() => JobName.Parse(name)).Field);
    }

    [Fact]
    public void The_longest_name_is_taken_and_one_more_character_is_not()
    {
        Assert.True(JobName.IsValid(new string('a', JobName.MaxLength)));
        Assert.False(JobName.IsValid(new string('a', JobName.MaxLength + 1)));
    }
}

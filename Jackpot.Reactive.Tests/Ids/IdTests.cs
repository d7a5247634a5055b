namespace Jackpot.Reactive.Tests.Ids;

/// <summary>The plain ids: <see cref="WorkspaceId"/>, <see cref="JackpotGroupId"/>, <see cref="JackpotId"/>, <see cref="JackpotInstanceId"/>.</summary>
public sealed class IdTests
{
    public static TheoryData<string> Kinds => new() { "workspace", "group", "jackpot", "instance" };

    public static TheoryData<string, string> KindsAndBadValues
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string kind in new[] { "workspace", "group", "jackpot", "instance" })
            {
                foreach (string value in new[] { "", " ", "\t\n", "\u2003" })
                {
                    data.Add(kind, value);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndBadValues))]
    public void Constructor_EmptyOrWhitespace_ThrowsArgument(string kind, string value)
    {
        FluentActions.Invoking(() => Create(kind, value)).Should().Throw<ArgumentException>().WithParameterName(nameof(value));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Constructor_Null_ThrowsArgumentNull(string kind)
    {
        FluentActions.Invoking(() => Create(kind, null!)).Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ValueAndToString_AreTheIdAsGiven(string kind)
    {
        const string value = "f8f21i6__12";

        var id = Create(kind, value);

        id.ToString().Should().Be(value);
        ValueOf(id).Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Equality_IsOrdinal(string kind)
    {
        Create(kind, "abc").Should().Be(Create(kind, "abc"));
        Create(kind, "abc").Should().NotBe(Create(kind, "ABC"));
        Create(kind, "abc").GetHashCode().Should().Be(Create(kind, "abc").GetHashCode());
    }

    [Fact]
    public void Default_HasEmptyValue()
    {
        default(WorkspaceId).Value.Should().BeEmpty();
        default(JackpotGroupId).Value.Should().BeEmpty();
        default(JackpotId).Value.Should().BeEmpty();
        default(JackpotInstanceId).Value.Should().BeEmpty();
        default(JackpotId).ToString().Should().BeEmpty();
    }

    private static object Create(string kind, string value) => kind switch
    {
        "workspace" => new WorkspaceId(value),
        "group" => new JackpotGroupId(value),
        "jackpot" => new JackpotId(value),
        _ => new JackpotInstanceId(value),
    };

    private static string ValueOf(object id) => id switch
    {
        WorkspaceId w => w.Value,
        JackpotGroupId g => g.Value,
        JackpotId j => j.Value,
        JackpotInstanceId i => i.Value,
        _ => throw new ArgumentException("Not an id.", nameof(id)),
    };
}

using System.Reactive.Linq;
using System.Text.Json;
using Jackpot.Reactive.Testing;

namespace Jackpot.Reactive.Tests.Testing;

public sealed class JackpotsTests
{
    [Fact]
    public void Value_Defaults_AreFirstInstanceEuroAndDefaultBroadcastChannel()
    {
        var value = Jackpots.Value("J1", 372.20m);

        value.Should().Be(new JackpotValueUpdated(
            new JackpotId("J1"),
            new JackpotInstanceId("J1_1"),
            ChannelName.Parse("W1_broadcast_G1"),
            "EUR",
            372.20m,
            "372.20"));
        value.Reason.Should().Be(JackpotReasons.Value);
    }

    [Fact]
    public void WonByOther_Defaults_StartTheNextInstanceOnTheBroadcastChannel()
    {
        var won = Jackpots.WonByOther("J1", 360m, instance: "J1_7");

        won.Instance.Value.Should().Be("J1_7");
        won.NewInstance.Value.Should().Be("J1_8");
        won.RawValue.Should().Be("360.00");
        won.Channel.Should().Be(Jackpots.DefaultBroadcastChannel);
        won.Reason.Should().Be(JackpotReasons.WonByOther);
    }

    [Fact]
    public void Won_Defaults_UseThePlayerChannelAndFormatThousands()
    {
        var won = Jackpots.Won("J1", 1408.20m);

        won.Channel.RawValue.Should().Be("W1_user_player-1");
        won.RawValue.Should().Be("1,408.20");
        won.Instance.Value.Should().Be("J1_1");
        won.NewInstance.Value.Should().Be("J1_2");
        won.Reason.Should().Be(JackpotReasons.Won);
    }

    [Fact]
    public void Builders_OptionalArguments_OverrideEveryDefault()
    {
        var channel = ChannelName.Player(new WorkspaceId("8mQhEnuznUe01IsGOE4mPw"), new PlayerId("a@b.com"));

        var won = Jackpots.Won("6sca3_LR", 1408.2m, "6sca3_LR_7", "6sca3_LR_9", "USD", channel, "1408.2");

        won.Should().Be(new JackpotWon(
            new JackpotId("6sca3_LR"),
            new JackpotInstanceId("6sca3_LR_7"),
            channel,
            "USD",
            1408.2m,
            "1408.2",
            new JackpotInstanceId("6sca3_LR_9")));
    }

    [Theory]
    [InlineData("J1_1", "J1_2")]
    [InlineData("f8f21i6__12", "f8f21i6__13")]
    [InlineData("3XiLXZkU_5", "3XiLXZkU_6")]
    [InlineData("J1_09", "J1_10")]
    [InlineData("J1", "J1_2")]
    [InlineData("J1_x", "J1_x_2")]
    [InlineData("J1_", "J1__2")]
    public void NextInstance_IncrementsTheTrailingOrdinal(string instance, string expected)
    {
        Jackpots.NextInstance(new JackpotInstanceId(instance)).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData(372.2, "372.20")]
    [InlineData(360, "360.00")]
    [InlineData(1408.2, "1,408.20")]
    [InlineData(1234567.891, "1,234,567.89")]
    [InlineData(0, "0.00")]
    public void FormatAmount_FormatsLikeTheService(double amount, string expected)
    {
        Jackpots.FormatAmount((decimal)amount).Should().Be(expected);
    }

    [Fact]
    public void Unknown_HasTheServiceJsonAsPayload()
    {
        var unknown = Jackpots.Unknown("jackpot_paused", "J1", 5m);

        unknown.Reason.Should().Be("jackpot_paused");
        unknown.Payload.Should().Be(
            """{"reason":"jackpot_paused","jackpotInstance":"J1_1","jackpot":"J1","channel":"W1_broadcast_G1","currency":"EUR","value":"5.00"}""");
    }

    [Fact]
    public void Builders_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => Jackpots.Value(null!, 1m)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Jackpots.Value(" ", 1m)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Jackpots.Won("J1", 1m, instance: "")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Jackpots.Unknown("", "J1")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Jackpots.NextInstance(default)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void JackpotEventJson_WonEvent_IsTheReferenceDocumentsSample()
    {
        var channel = ChannelName.Player(new WorkspaceId("8mQhEnuznUe01IsGOE4mPw"), new PlayerId("a@b.com"));
        var won = Jackpots.Won("6sca3_LR", 1408.20m, "6sca3_LR_7", channel: channel);

        string json = JackpotEventJson.Serialize(won);

        json.Should().Be(
            """{"reason":"jackpot_won","jackpotInstance":"6sca3_LR_7","jackpot":"6sca3_LR","channel":"8mQhEnuznUe01IsGOE4mPw_user_a@b.com","currency":"EUR","value":"1,408.20","jackpotNewInstance":"6sca3_LR_8"}""");
    }

    [Fact]
    public void JackpotEventJson_EveryKnownEvent_HasTheReferenceFieldNames()
    {
        string[] common = ["reason", "jackpotInstance", "jackpot", "channel", "currency", "value"];

        Fields(Jackpots.Value("J1", 1m)).Should().Equal(common);
        Fields(Jackpots.WonByOther("J1", 1m)).Should().Equal([.. common, "jackpotNewInstance"]);
        Fields(Jackpots.Won("J1", 1m)).Should().Equal([.. common, "jackpotNewInstance"]);
        JackpotEventJson.Serialize(Jackpots.Unknown("x", "J1")).Should().Be(Jackpots.Unknown("x", "J1").Payload);
    }

    [Fact]
    public void JackpotMarbleValues_WinMovesLaterEventsToTheNewInstance()
    {
        var values = new JackpotMarbleValues()
            .Value('a', "J1", 372.20m)
            .Value('x', "J2", 50m)
            .WonByOther('w', "J1", 380.00m)
            .Value('b', "J1", 10.00m)
            .Won('m', "J1", 12.00m)
            .Value('c', "J1", 1.00m);

        values['a'].Instance.Value.Should().Be("J1_1");
        values['w'].Should().Be(Jackpots.WonByOther("J1", 380.00m, "J1_1", "J1_2"));
        values['b'].Instance.Value.Should().Be("J1_2");
        values['m'].Should().Be(Jackpots.Won("J1", 12.00m, "J1_2", "J1_3"));
        values['c'].Instance.Value.Should().Be("J1_3");
        values['x'].Instance.Value.Should().Be("J2_1");
        values.CurrentInstance("J1").Should().Be("J1_3");
        values.Keys.Should().Equal('a', 'x', 'w', 'b', 'm', 'c');
    }

    [Fact]
    public void JackpotMarbleValues_ReadLikeTheSequenceDiagram()
    {
        var test = new MarbleTest();
        var values = new JackpotMarbleValues()
            .Value('a', "J1", 372.20m)
            .Value('b', "J1", 380.00m)
            .WonByOther('w', "J1", 390.00m)
            .Value('c', "J1", 10.00m);
        var broadcast = test.Hot("-a-b-w-c-|", values);

        var currentInstance = broadcast
            .Select(e => e is JackpotWonByOther won ? won.NewInstance.Value : e.Instance.Value)
            .DistinctUntilChanged();

        test.ExpectObservable(currentInstance).ToBe("-1---2---|", new Dictionary<char, string> { ['1'] = "J1_1", ['2'] = "J1_2" });
        test.Flush();
    }

    [Fact]
    public void JackpotMarbleValues_ConstructorSettings_ApplyToEveryEvent()
    {
        var broadcast = ChannelName.Broadcast(new WorkspaceId("ws"), new JackpotGroupId("casino"));
        var player = ChannelName.Player(new WorkspaceId("ws"), new PlayerId("p@x.com"));

        var values = new JackpotMarbleValues(broadcast, player, "GBP").Value('a', "J1", 1m).Won('m', "J1", 2m);

        values['a'].Channel.Should().Be(broadcast);
        values['m'].Channel.Should().Be(player);
        values.Values.Select(v => v.Currency).Should().AllBe("GBP");
    }

    [Fact]
    public void JackpotMarbleValues_InvalidSymbols_Throw()
    {
        var values = new JackpotMarbleValues().Value('a', "J1", 1m);

        FluentActions.Invoking(() => values.Value('a', "J1", 2m)).Should().Throw<ArgumentException>()
            .WithMessage("'a' already stands for JackpotValueUpdated { J1 J1_1 1.00 EUR W1_broadcast_G1 }.*");
        FluentActions.Invoking(() => values.Value('-', "J1", 2m)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => values.Add(' ', Jackpots.Value("J1", 2m))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => values.Add('z', null!)).Should().Throw<ArgumentNullException>();
        values.Count.Should().Be(1);
    }

    [Fact]
    public void JackpotMarbleValues_CollectionInitializer_AddsEvents()
    {
        var values = new JackpotMarbleValues
        {
            { 'a', Jackpots.Value("J1", 1m) },
            { 'w', Jackpots.WonByOther("J1", 2m) },
        };

        values.ContainsKey('w').Should().BeTrue();
        values.TryGetValue('a', out var a).Should().BeTrue();
        a.Should().Be(Jackpots.Value("J1", 1m));
        values.CurrentInstance("J1").Should().Be("J1_2");
    }

    private static List<string> Fields(JackpotEvent jackpotEvent)
    {
        using var document = JsonDocument.Parse(JackpotEventJson.Serialize(jackpotEvent));
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }
}

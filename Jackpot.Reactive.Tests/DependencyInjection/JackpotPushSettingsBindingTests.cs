using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Tests.DependencyInjection;

/// <summary>Binding <see cref="JackpotPushSettings"/> from configuration and validating them at start-up.</summary>
public sealed class JackpotPushSettingsBindingTests
{
    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "JackpotPush:Workspace", " ", "JackpotPush:Workspace is required." },
        { "JackpotPush:Endpoint", "not a uri", "JackpotPush:Endpoint must be an absolute http or https URI, not 'not a uri'." },
        { "JackpotPush:Endpoint", "ftp://push.example/", "JackpotPush:Endpoint: The endpoint must be an absolute http or https URI, not 'ftp://push.example/'." },
        { "JackpotPush:Endpoint", "https://push.example/subscribe#top", "JackpotPush:Endpoint: The endpoint must not have a fragment." },
        { "JackpotPush:Endpoint", "https://push.example/subscribe?channel=x", "JackpotPush:Endpoint: The endpoint must not have a 'channel' query parameter; the channel is added to it." },
        { "JackpotPush:Linger", "-00:00:01", "JackpotPush:Linger must not be negative (was -00:00:01)." },
        { "JackpotPush:IdleTimeout", "00:00:00", "JackpotPush:IdleTimeout must be positive, or unset for none (was 00:00:00)." },
        { "JackpotPush:MaxEventSize", "0", "JackpotPush:MaxEventSize must be positive (was 0)." },
        { "JackpotPush:ExtraHeaders:Bad Name", "v", "JackpotPush:ExtraHeaders:Bad Name is not a valid HTTP header name." },
        { "JackpotPush:ExtraHeaders:X-Token", "secret\r\nInjected: 1", "JackpotPush:ExtraHeaders:X-Token must have a value without CR, LF or NUL." },
        { "JackpotPush:Reconnect:InitialDelay", "-00:00:01", "JackpotPush:Reconnect:InitialDelay must not be negative (was -00:00:01)." },
        { "JackpotPush:Reconnect:MaxDelay", "-00:00:01", "JackpotPush:Reconnect:MaxDelay must be positive (was -00:00:01)." },
        { "JackpotPush:Reconnect:InitialDelay", "00:01:00", "JackpotPush:Reconnect:MaxDelay must not be less than JackpotPush:Reconnect:InitialDelay (was 00:00:30, less than 00:01:00)." },
        { "JackpotPush:Reconnect:Multiplier", "0.5", "JackpotPush:Reconnect:Multiplier must be a finite number of at least 1 (was 0.5)." },
        { "JackpotPush:Reconnect:JitterRatio", "1.5", "JackpotPush:Reconnect:JitterRatio must be between 0 and 1 (was 1.5)." },
        { "JackpotPush:Reconnect:ResetAfter", "00:00:00", "JackpotPush:Reconnect:ResetAfter must be positive (was 00:00:00)." },
        { "JackpotPush:Reconnect:MaxAttempts", "-1", "JackpotPush:Reconnect:MaxAttempts must not be negative (was -1); leave it unset for no limit." },
    };

    [Fact]
    public void AddJackpotPushClient_Configuration_BindsEverySettingOfTheJackpotPushSection()
    {
        using var services = Build(new()
        {
            ["JackpotPush:Endpoint"] = "https://push.example/subscribe?tenant=7",
            ["JackpotPush:Workspace"] = "ws",
            ["JackpotPush:Linger"] = "00:00:10",
            ["JackpotPush:IdleTimeout"] = "00:02:00",
            ["JackpotPush:MaxEventSize"] = "4096",
            ["JackpotPush:ExtraHeaders:Authorization"] = "Bearer t",
            ["JackpotPush:ExtraHeaders:X-Tenant"] = "7",
            ["JackpotPush:Reconnect:InitialDelay"] = "00:00:00.500",
            ["JackpotPush:Reconnect:MaxDelay"] = "00:00:20",
            ["JackpotPush:Reconnect:Multiplier"] = "3",
            ["JackpotPush:Reconnect:JitterRatio"] = "0.25",
            ["JackpotPush:Reconnect:ResetAfter"] = "00:05:00",
            ["JackpotPush:Reconnect:MaxAttempts"] = "10",
            ["Elsewhere:Workspace"] = "not this one",
        });

        var options = services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.ToClientOptions();

        options.Endpoint.Should().Be(new Uri("https://push.example/subscribe?tenant=7"));
        options.Workspace.Should().Be(new WorkspaceId("ws"));
        options.Linger.Should().Be(TimeSpan.FromSeconds(10));
        options.IdleTimeout.Should().Be(TimeSpan.FromMinutes(2));
        options.MaxEventSize.Should().Be(4096);
        options.ExtraHeaders.Should().BeEquivalentTo([new KeyValuePair<string, string>("Authorization", "Bearer t"), new("X-Tenant", "7")]);
        options.Reconnect.InitialDelay.Should().Be(TimeSpan.FromMilliseconds(500));
        options.Reconnect.MaxDelay.Should().Be(TimeSpan.FromSeconds(20));
        options.Reconnect.Multiplier.Should().Be(3);
        options.Reconnect.JitterRatio.Should().Be(0.25);
        options.Reconnect.ResetAfter.Should().Be(TimeSpan.FromMinutes(5));
        options.Reconnect.MaxAttempts.Should().Be(10);
        services.GetRequiredService<JackpotPushClient>().Workspace.Should().Be(new WorkspaceId("ws"));
    }

    [Fact]
    public void AddJackpotPushClient_OnlyWorkspaceSet_KeepsEveryDefault()
    {
        using var services = Build(new() { ["JackpotPush:Workspace"] = "ws" });

        var options = services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.ToClientOptions();
        var defaults = new JackpotPushClientOptions { Workspace = new WorkspaceId("ws") };

        options.Should().BeEquivalentTo(defaults, o => o.Excluding(x => x.Reconnect));
        options.Reconnect.Should().BeEquivalentTo(
            ReconnectPolicy.Default,
            o => o.Excluding(p => p.ShouldRetry).Excluding(p => p.DelayFloor).Excluding(p => p.RandomSource));
    }

    [Fact]
    public void AddJackpotPushClient_ConfigureAction_SetsTheSettingsInCode()
    {
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(settings =>
        {
            settings.Workspace = "code-ws";
            settings.Reconnect.MaxAttempts = 3;
            settings.ExtraHeaders["X-App"] = "board";
        });
        using var services = collection.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.ToClientOptions();

        options.Workspace.Should().Be(new WorkspaceId("code-ws"));
        options.Reconnect.MaxAttempts.Should().Be(3);
        options.ExtraHeaders.Should().BeEquivalentTo([new KeyValuePair<string, string>("X-App", "board")]);
    }

    [Fact]
    public void AddJackpotPushClient_ConfigurationAndAction_TheActionRunsAfterBinding()
    {
        var configuration = Configuration(new() { ["JackpotPush:Workspace"] = "ws", ["JackpotPush:Linger"] = "00:00:09" });
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(configuration, settings => settings.Linger += TimeSpan.FromSeconds(1));
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.Linger.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Resolve_InvalidSetting_FailsWithAMessageNamingTheSetting(string key, string value, string message)
    {
        using var services = Build(new() { ["JackpotPush:Workspace"] = "ws", [key] = value });

        var resolve = () => services.GetRequiredService<JackpotPushClient>();

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(message);
    }

    [Fact]
    public void Resolve_HeaderValueInvalid_DoesNotEchoTheValue()
    {
        using var services = Build(new() { ["JackpotPush:Workspace"] = "ws", ["JackpotPush:ExtraHeaders:Authorization"] = "Bearer s3cr3t\n" });

        var resolve = () => services.GetRequiredService<JackpotPushClient>();

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Authorization").And.NotContain("s3cr3t");
    }

    [Fact]
    public void Resolve_SeveralInvalidSettings_ReportsEveryOne()
    {
        using var services = Build(new() { ["JackpotPush:Linger"] = "-00:00:05", ["JackpotPush:Reconnect:MaxDelay"] = "00:00:00" });

        var resolve = () => services.GetRequiredService<JackpotPushClient>();

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "JackpotPush:Workspace is required.",
            "JackpotPush:Linger must not be negative (was -00:00:05).",
            "JackpotPush:Reconnect:MaxDelay must be positive (was 00:00:00).");
    }

    [Fact]
    public void Resolve_ValueOfTheWrongType_FailsNamingTheSetting()
    {
        using var services = Build(new() { ["JackpotPush:Workspace"] = "ws", ["JackpotPush:Linger"] = "soon" });

        var resolve = () => services.GetRequiredService<JackpotPushClient>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*JackpotPush:Linger*");
    }

    [Fact]
    public async Task HostStart_InvalidSettings_FailsBeforeTheClientIsUsed()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["JackpotPush:Reconnect:JitterRatio"] = "2" });
        builder.Services.AddJackpotPushClient(builder.Configuration);
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().BeEquivalentTo(
            "JackpotPush:Workspace is required.",
            "JackpotPush:Reconnect:JitterRatio must be between 0 and 1 (was 2).");
    }

    [Fact]
    public async Task HostStart_ValidSettings_Starts()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["JackpotPush:Workspace"] = "ws" });
        builder.Services.AddJackpotPushClient(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);

        host.Services.GetRequiredService<JackpotPushClient>().Workspace.Should().Be(new WorkspaceId("ws"));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(Configuration(values));
        return collection.BuildServiceProvider();
    }
}

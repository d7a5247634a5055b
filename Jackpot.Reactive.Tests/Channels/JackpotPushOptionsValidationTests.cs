using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Tests.Channels;

/// <summary>One verdict per setting: the same rule and the same message whether the settings come from an options object
/// in code, the <c>AddJackpotPushClient</c> callback or configuration, given when the client or host is built.</summary>
public sealed class JackpotPushOptionsValidationTests
{
    private const string Workspace = "ws";

    /// <summary>The settings that once got a different verdict on each path (see <see cref="Setting"/>).</summary>
    public static TheoryData<string> Cases => ["HeaderNameNotAToken", "HeaderValueWithNul", "InitialDelayZero", "InitialDelayAboveMaxDelay"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constructor_OptionsInCode_GivesTheVerdict(string name)
    {
        var setting = Setting.Named(name);
        var options = new JackpotPushClientOptions { Workspace = new WorkspaceId(Workspace) };
        options = setting.ApplyToOptions(options);

        var build = () => new JackpotPushClient(options);

        if (setting.Failure is null)
        {
            using var client = build();
            client.Workspace.Value.Should().Be(Workspace);
        }
        else
        {
            build.Should().Throw<ArgumentException>().Which.Message.Should().Be(setting.Failure);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostStart_Callback_GivesTheVerdict(string name)
    {
        var setting = Setting.Named(name);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddJackpotPushClient(settings =>
        {
            settings.Workspace = Workspace;
            setting.ApplyToSettings(settings);
        });

        await AssertVerdictAtStart(builder, setting);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostStart_Configuration_GivesTheVerdict(string name)
    {
        var setting = Setting.Named(name);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var values = new Dictionary<string, string?>(setting.Configuration) { ["JackpotPush:Workspace"] = Workspace };
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddJackpotPushClient(builder.Configuration);

        await AssertVerdictAtStart(builder, setting);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_Configuration_GivesTheVerdictBeforeFirstUse(string name)
    {
        var setting = Setting.Named(name);
        var values = new Dictionary<string, string?>(setting.Configuration) { ["JackpotPush:Workspace"] = Workspace };
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var services = collection.BuildServiceProvider();

        var resolve = () => services.GetRequiredService<JackpotPushClient>();

        if (setting.Failure is null)
        {
            resolve().Workspace.Value.Should().Be(Workspace);
        }
        else
        {
            resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(setting.Failure);
        }
    }

    [Fact]
    public void InitialDelayZero_EveryPath_RunsThePolicyWithZero()
    {
        var collection = new ServiceCollection();
        collection.AddJackpotPushClient(settings =>
        {
            settings.Workspace = Workspace;
            settings.Reconnect.InitialDelay = TimeSpan.Zero;
        });
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IOptions<JackpotPushSettings>>().Value.ToClientOptions().Reconnect.InitialDelay.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Validate_SeveralInvalidSettings_NamesEveryOneInOneMessage()
    {
        var options = new JackpotPushClientOptions
        {
            Linger = TimeSpan.FromSeconds(-1),
            ExtraHeaders = [new("X(1)", "v")],
        };

        var validate = options.Validate;

        validate.Should().Throw<ArgumentException>().Which.Message.Should().Be(
            "JackpotPush:Workspace is required. JackpotPush:Linger must not be negative (was -00:00:01). "
            + "JackpotPush:ExtraHeaders:X(1) is not a valid HTTP header name.");
    }

    private static async Task AssertVerdictAtStart(HostApplicationBuilder builder, Setting setting)
    {
        using var host = builder.Build();
        var start = () => host.StartAsync(TestContext.Current.CancellationToken);

        if (setting.Failure is null)
        {
            await start();
            host.Services.GetRequiredService<JackpotPushClient>().Workspace.Value.Should().Be(Workspace);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(setting.Failure);
        }
    }

    /// <summary>A setting as code, the callback and configuration set it, and the one message every path gives (null
    /// where every path accepts it).</summary>
    private sealed record Setting(
        Func<JackpotPushClientOptions, JackpotPushClientOptions> ApplyToOptions,
        Action<JackpotPushSettings> ApplyToSettings,
        Dictionary<string, string?> Configuration,
        string? Failure)
    {
        public static Setting Named(string name) => name switch
        {
            "HeaderNameNotAToken" => new(
                o => With(o, new KeyValuePair<string, string>("X(1)", "v")),
                s => s.ExtraHeaders["X(1)"] = "v",
                new() { ["JackpotPush:ExtraHeaders:X(1)"] = "v" },
                "JackpotPush:ExtraHeaders:X(1) is not a valid HTTP header name."),
            "HeaderValueWithNul" => new(
                o => With(o, new KeyValuePair<string, string>("X-Token", "a\0b")),
                s => s.ExtraHeaders["X-Token"] = "a\0b",
                new() { ["JackpotPush:ExtraHeaders:X-Token"] = "a\0b" },
                "JackpotPush:ExtraHeaders:X-Token must have a value without CR, LF or NUL."),
            "InitialDelayZero" => new(
                o => new JackpotPushClientOptions { Workspace = o.Workspace, Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.Zero } },
                s => s.Reconnect.InitialDelay = TimeSpan.Zero,
                new() { ["JackpotPush:Reconnect:InitialDelay"] = "00:00:00" },
                null),
            "InitialDelayAboveMaxDelay" => new(
                o => new JackpotPushClientOptions { Workspace = o.Workspace, Reconnect = new ReconnectPolicy { InitialDelay = TimeSpan.FromMinutes(1) } },
                s => s.Reconnect.InitialDelay = TimeSpan.FromMinutes(1),
                new() { ["JackpotPush:Reconnect:InitialDelay"] = "00:01:00" },
                "JackpotPush:Reconnect:MaxDelay must not be less than JackpotPush:Reconnect:InitialDelay (was 00:00:30, less than 00:01:00)."),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such case."),
        };

        private static JackpotPushClientOptions With(JackpotPushClientOptions options, KeyValuePair<string, string> header) =>
            new() { Workspace = options.Workspace, ExtraHeaders = [header] };
    }
}

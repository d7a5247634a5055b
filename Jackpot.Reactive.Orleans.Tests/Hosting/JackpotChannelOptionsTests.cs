using Jackpot.Reactive.Orleans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jackpot.Reactive.Orleans.Tests.Hosting;

/// <summary>The channel settings: defaults, and a message naming the setting for each invalid value, whether the
/// settings come from configuration or from code.</summary>
public sealed class JackpotChannelOptionsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A setting (under <c>JackpotPush:Channels</c>), an invalid value, and the setting the error names.</summary>
    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "LeaseDuration", "00:00:00", "LeaseDuration" },
        { "LeaseDuration", "-00:00:01", "LeaseDuration" },
        { "RenewInterval", "00:00:00", "RenewInterval" },
        { "RenewInterval", "-00:00:05", "RenewInterval" },
        { "RenewInterval", "00:00:30", "RenewInterval" },
        { "RenewInterval", "00:01:00", "RenewInterval" },
        { "CheckpointInterval", "00:00:00", "CheckpointInterval" },
        { "CheckpointInterval", "-00:00:01", "CheckpointInterval" },
        { "CatchUpCapacity", "0", "CatchUpCapacity" },
        { "CatchUpCapacity", "-1", "CatchUpCapacity" },
    };

    [Fact]
    public void Defaults_AreTheDocumentedConstantsAndValid()
    {
        var options = new JackpotChannelOptions();

        options.LeaseDuration.Should().Be(JackpotChannelOptions.DefaultLeaseDuration).And.Be(TimeSpan.FromSeconds(30));
        options.RenewInterval.Should().Be(JackpotChannelOptions.DefaultRenewInterval).And.Be(TimeSpan.FromSeconds(5));
        options.CheckpointInterval.Should().Be(JackpotChannelOptions.DefaultCheckpointInterval).And.Be(TimeSpan.FromSeconds(1));
        options.CatchUpCapacity.Should().Be(JackpotChannelOptions.DefaultCatchUpCapacity).And.Be(1024);
        JackpotChannelOptions.StorageName.Should().Be("JackpotChannels");
        options.GrainKeySecret.Should().BeNull("there is no default secret: a default known to all would make the keys reversible");
        options.GrainKeySecret = new string('s', JackpotChannelOptions.MinimumGrainKeySecretLength);
        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-secret")]
    public void Validate_NoOrShortGrainKeySecret_ThrowsNamingTheSetting(string? secret)
    {
        var options = new JackpotChannelOptions { GrainKeySecret = secret };

        var error = options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which;

        error.ParamName.Should().Be("GrainKeySecret");
        error.Message.Should().Contain("JackpotPush:Channels:GrainKeySecret");
    }

    [Fact]
    public async Task ClientHost_NoGrainKeySecret_FailsToStartNamingTheSetting()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddJackpotChannels(builder.Configuration));
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("JackpotPush:Channels:GrainKeySecret is not set");
    }

    [Fact]
    public void Validate_SmallestValidValues_Pass()
    {
        var options = new JackpotChannelOptions
        {
            LeaseDuration = TimeSpan.FromTicks(2),
            RenewInterval = TimeSpan.FromTicks(1),
            CheckpointInterval = TimeSpan.FromTicks(1),
            CatchUpCapacity = 1,
            GrainKeySecret = new string('s', JackpotChannelOptions.MinimumGrainKeySecretLength),
        };

        options.Invoking(o => o.Validate()).Should().NotThrow();
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSetting_ThrowsNamingTheSetting(string setting, string value, string named)
    {
        var options = new JackpotChannelOptions();
        Configuration(setting, value).GetSection("JackpotPush:Channels").Bind(options);

        var error = options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which;

        error.ParamName.Should().Be(named);
        error.Message.Should().Contain($"JackpotPush:Channels:{named}");
    }

    [Fact]
    public void Validate_RenewIntervalNotShorterThanLease_NamesBothSettings()
    {
        var options = new JackpotChannelOptions { LeaseDuration = TimeSpan.FromSeconds(10), RenewInterval = TimeSpan.FromSeconds(10) };

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>()
            .WithMessage("JackpotPush:Channels:RenewInterval (00:00:10) must be shorter than LeaseDuration (00:00:10).*");
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task ClientHost_InvalidSettingInConfiguration_FailsToStartNamingTheSetting(string setting, string value, string named)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(Configuration(setting, value));
        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddJackpotChannels(builder.Configuration));
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain($"JackpotPush:Channels:{named}");
    }

    [Fact]
    public async Task SiloHost_InvalidSettingInCode_FailsToStartNamingTheSetting()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddJackpotChannels(push => push.Workspace = "workspace", channels => channels.CatchUpCapacity = 0));
        using var host = builder.Build();

        var start = () => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Contain("JackpotPush:Channels:CatchUpCapacity");
    }

    [Fact]
    public void SiloHost_PushSettingsOnly_HasTheDefaultChannelSettings_TheSecretFromTheHost()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddJackpotChannels(push => push.Workspace = "workspace"));
        builder.Services.Configure<JackpotChannelOptions>(o => o.GrainKeySecret = ChannelCluster.TestGrainKeySecret);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<JackpotChannelOptions>>().Value;

        options.RenewInterval.Should().Be(JackpotChannelOptions.DefaultRenewInterval);
        options.LeaseDuration.Should().Be(JackpotChannelOptions.DefaultLeaseDuration);
        options.CheckpointInterval.Should().Be(JackpotChannelOptions.DefaultCheckpointInterval);
        options.GrainKeySecret.Should().Be(ChannelCluster.TestGrainKeySecret);
    }

    [Fact]
    public void ClientHost_NoSecondArgument_HasTheDefaultsAndStillRequiresTheSecret()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddJackpotChannels());
        using var host = builder.Build();

        var read = () => host.Services.GetRequiredService<IOptions<JackpotChannelOptions>>().Value;

        read.Should().Throw<ArgumentException>().Which.Message.Should().Contain("JackpotPush:Channels:GrainKeySecret");
    }

    private static IConfiguration Configuration(string setting, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"JackpotPush:Channels:{setting}"] = value }).Build();
}

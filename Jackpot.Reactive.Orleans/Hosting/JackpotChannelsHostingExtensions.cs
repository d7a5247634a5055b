using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using Jackpot.Reactive;
using Jackpot.Reactive.Orleans;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Hosting;

/// <summary>Registers the jackpot channel grains with a silo, and the channel streams with a silo or a cluster client.</summary>
/// <remarks>
/// <para>A silo gets one <see cref="JackpotPushClient"/> (through <c>AddJackpotPushClient</c>, with the <c>JackpotPush</c>
/// settings: workspace, endpoint, linger, reconnect, headers) through which its channel grains open their upstream
/// connections, the grain settings (<see cref="JackpotChannelOptions"/>, section <c>JackpotPush:Channels</c>), and the
/// subscriber side, so code on the silo can subscribe through its <see cref="IClusterClient"/> too. The grains persist
/// their checkpoint in the grain storage named <see cref="JackpotChannelOptions.StorageName"/>: register one.</para>
/// <para>Metrics go to the <see cref="JackpotMetrics.MeterName"/> meter through the host's <see cref="IMeterFactory"/>
/// (see <c>docs/metrics.md</c>); timers of the subscriber side run on the registered <see cref="IScheduler"/> if any.</para>
/// </remarks>
public static class JackpotChannelsHostingExtensions
{
    /// <summary>Adds the channel grains to a silo, with settings from the <c>JackpotPush</c> section of a configuration.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The configuration with a <c>JackpotPush</c> section (and optionally <c>JackpotPush:Channels</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ISiloBuilder AddJackpotChannels(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddJackpotPushClient(configuration);
        AddSubscriberSide(builder.Services).Bind(ChannelsSection(configuration));
        AddGrainSide(builder.Services);
        return builder;
    }

    /// <summary>Adds the channel grains to a silo, with push settings made in code and the default grain settings (but
    /// <see cref="JackpotChannelOptions.GrainKeySecret"/>, which the host then sets with a
    /// <c>Configure&lt;JackpotChannelOptions&gt;</c> of its own: a silo without it does not start).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configurePush">Sets the push settings (at least <see cref="JackpotPushSettings.Workspace"/>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configurePush"/> is null.</exception>
    public static ISiloBuilder AddJackpotChannels(this ISiloBuilder builder, Action<JackpotPushSettings> configurePush) =>
        builder.AddJackpotChannels(configurePush, configureChannels: null);

    /// <summary>Adds the channel grains to a silo, with settings made in code.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configurePush">Sets the push settings (at least <see cref="JackpotPushSettings.Workspace"/>).</param>
    /// <param name="configureChannels">Adjusts the grain settings, or null for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configurePush"/> is null.</exception>
    public static ISiloBuilder AddJackpotChannels(
        this ISiloBuilder builder,
        Action<JackpotPushSettings> configurePush,
        Action<JackpotChannelOptions>? configureChannels)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configurePush);
        builder.Services.AddJackpotPushClient(configurePush);
        var options = AddSubscriberSide(builder.Services);
        if (configureChannels is not null)
        {
            options.Configure(configureChannels);
        }

        AddGrainSide(builder.Services);
        return builder;
    }

    /// <summary>Adds the channel streams to a cluster client, with settings from <c>JackpotPush:Channels</c>.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configuration">The configuration (the section may be absent: the defaults apply).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IClientBuilder AddJackpotChannels(this IClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddSubscriberSide(builder.Services).Bind(ChannelsSection(configuration));
        AddClientSide(builder);
        return builder;
    }

    /// <summary>Adds the channel streams to a cluster client with the default settings (but
    /// <see cref="JackpotChannelOptions.GrainKeySecret"/>, which the host then sets with a
    /// <c>Configure&lt;JackpotChannelOptions&gt;</c> of its own: a client without it does not start).</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IClientBuilder AddJackpotChannels(this IClientBuilder builder) => builder.AddJackpotChannels(configure: null);

    /// <summary>Adds the channel streams to a cluster client, with settings made in code.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Adjusts the settings, or null for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IClientBuilder AddJackpotChannels(this IClientBuilder builder, Action<JackpotChannelOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = AddSubscriberSide(builder.Services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        AddClientSide(builder);
        return builder;
    }

    private static void AddClientSide(IClientBuilder builder)
    {
        // Failover on a client: a lost gateway makes every channel subscription renew at once.
        if (!builder.Services.Any(d => d.ServiceType == typeof(GatewayWatch) || d.ImplementationType == typeof(GatewayWatch)))
        {
            builder.AddClusterConnectionStatusObserver<GatewayWatch>();
        }
    }

    private static IConfigurationSection ChannelsSection(IConfiguration configuration) =>
        configuration.GetSection(JackpotPushClientDefaults.ConfigurationSectionName).GetSection(JackpotChannelOptions.ConfigurationSectionName);

    private static OptionsBuilder<JackpotChannelOptions> AddSubscriberSide(IServiceCollection services)
    {
        var options = services.AddOptions<JackpotChannelOptions>();
        options.Validate(
            static o =>
            {
                o.Validate();
                return true;
            },
            "JackpotPush:Channels is invalid.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => JackpotClusterMeter.Create(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ChannelGrainKeys>();
        services.TryAddSingleton(static sp => new JackpotChannelRegistry(
            sp,
            sp.GetRequiredService<IOptions<JackpotChannelOptions>>(),
            sp.GetRequiredService<JackpotClusterMeter>(),
            sp.GetRequiredService<ChannelGrainKeys>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            sp.GetService<IScheduler>()));
        return options;
    }

    private static void AddGrainSide(IServiceCollection services) => services.TryAddSingleton<JackpotChannelUpstreams>();
}

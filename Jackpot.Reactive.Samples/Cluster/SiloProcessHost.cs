using Jackpot.Reactive.Orleans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Jackpot.Reactive.Samples;

/// <summary>
/// The <c>cluster-silo</c> command: one silo of a sample cluster, in a process of its own, on Redis membership and
/// Redis grain storage (started by <see cref="SiloProcesses"/>). It prints <c>ready</c> once the silo has joined, and
/// runs until it is killed or its standard input closes. The grain-key secret comes from the environment
/// (<c>JackpotPush__Channels__GrainKeySecret</c>), never the command line.
/// </summary>
internal static class SiloProcessHost
{
    public const string Command = "cluster-silo";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        CommandLineArguments parsed;
        try
        {
            parsed = CommandLineArguments.Parse(
                args, ["--redis", "--cluster-id", "--silo-port", "--gateway-port", "--endpoint", "--workspace", "--detection", "--log-file"], [], []);
        }
        catch (CommandLineException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return BoardCommand.ExitBadArguments;
        }

        string redis = parsed.Required("--redis");
        var detection = FailureDetectionSettings.Parse(parsed.Value("--detection"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (parsed.Value("--log-file") is { } logFile)
        {
            // Every line, Orleans' included, at Debug: for scans of what a silo writes (player ids must not appear).
            builder.Logging.AddProvider(new FileLogger(logFile)).SetMinimumLevel(LogLevel.Debug);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<global::Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = parsed.Required("--cluster-id");
                o.ServiceId = "jackpot-sample";
            });
            silo.ConfigureEndpoints(
                System.Net.IPAddress.Loopback,
                parsed.Integer("--silo-port", 1, 65535) ?? throw new CommandLineException("--silo-port is required."),
                parsed.Integer("--gateway-port", 1, 65535) ?? throw new CommandLineException("--gateway-port is required."));
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.AddRedisGrainStorage(JackpotChannelOptions.StorageName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            FailureDetectionSettings.Apply(silo, detection);
            silo.AddJackpotChannels(
                push =>
                {
                    push.Workspace = parsed.Required("--workspace");
                    push.Endpoint = parsed.Required("--endpoint");
                },
                channels =>
                {
                    channels.RenewInterval = FailureDetectionSettings.RenewInterval(detection);
                    channels.GrainKeySecret = Environment.GetEnvironmentVariable(SiloProcesses.SecretVariable);
                });
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync("ready").ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);

        // The parent ends a silo gracefully by closing its input, or kills it (SIGKILL).
        await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return BoardCommand.ExitOk;
    }

    /// <summary>Writes every log line to a file, flushed at once (the process may be killed at any moment).</summary>
    private sealed class FileLogger(string path) : ILoggerProvider
    {
        private readonly Lock _gate = new();
        private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };

        public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

        public void Dispose() => _writer.Dispose();

        /// <summary>Writes a line: level, category, event id, message and exception.</summary>
        private void Write(string category, LogLevel logLevel, EventId eventId, string message, Exception? exception)
        {
            lock (_gate)
            {
                _writer.WriteLine($"{logLevel} {category}[{eventId.Id}] {message}{(exception is null ? string.Empty : "\n" + exception)}");
            }
        }

        private sealed class CategoryLogger(FileLogger file, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                file.Write(category, logLevel, eventId, formatter(state, exception), exception);
        }
    }
}
